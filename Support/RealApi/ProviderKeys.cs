using Acceptance.Support.Configuration;

namespace Acceptance.Support.RealApi;

/// <summary>
/// The real providers' keys, from the providers' usual environment variables or from files. Held in
/// memory only: passed to the workers as environment variables (never on a command line, so never
/// in a process listing), and the gate's secret scan looks for their values in every report file.
/// </summary>
public sealed record ProviderKeys(string? LlamaParse, string? OpenAi)
{
    public const string LlamaParseVariable = "LLAMA_CLOUD_API_KEY";
    public const string OpenAiVariable = "OPENAI_API_KEY";

    public static ProviderKeys Load(RealApiOptions options) => new(
        Read(LlamaParseVariable, options.LlamaParseKeyFile),
        Read(OpenAiVariable, options.OpenAiKeyFile));

    public bool Complete => LlamaParse is not null && OpenAi is not null;

    /// <summary>"not verified: no LLAMA_CLOUD_API_KEY / OPENAI_API_KEY", naming what is missing; null when both are there.</summary>
    public string? MissingReason
    {
        get
        {
            var missing = new[] { (LlamaParse, LlamaParseVariable), (OpenAi, OpenAiVariable) }
                .Where(key => key.Item1 is null).Select(key => key.Item2).ToList();
            return missing.Count == 0 ? null : $"not verified: no {string.Join(" / ", missing)}";
        }
    }

    private static string? Read(string variable, string file)
    {
        var value = System.Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value) && !string.IsNullOrWhiteSpace(file) && File.Exists(file)) value = File.ReadAllText(file);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>Never print a key, even by accident.</summary>
    public override string ToString() => $"ProviderKeys(LlamaParse: {(LlamaParse is null ? "missing" : "set")}, OpenAI: {(OpenAi is null ? "missing" : "set")})";
}
