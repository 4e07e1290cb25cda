namespace Mocks.Tests.Contract;

/// <summary>
/// Where a contract test runs: always against the mock; against the real service only when its key
/// is in the environment (the providers' usual variables), otherwise that half is skipped with the reason.
/// </summary>
public static class ProviderTarget
{
    public const string Mock = "mock";
    public const string Real = "real";

    public const string LlamaParseKeyVariable = "LLAMA_CLOUD_API_KEY";
    public const string OpenAiKeyVariable = "OPENAI_API_KEY";
    public const string RealLlamaParseUrl = "https://api.cloud.llamaindex.ai";
    public const string RealOpenAiUrl = "https://api.openai.com/v1";

    /// <summary>The real key, or a skip that says which variable is missing.</summary>
    public static string RealKeyOrSkip(string variable)
    {
        var key = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(key)) Assert.Skip($"not verified: no {variable}");
        return key;
    }
}
