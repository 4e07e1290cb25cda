using System.Text.Json;
using Acceptance.Support.Environment;

namespace PipelineByHand;

/// <summary>
/// What scripts/pipeline.sh needs to know about a running pipeline: where to reach it, how to mint
/// tokens for it, what it may spend, and every process it must stop. Written once the pipeline is ready.
/// </summary>
public sealed record PipelineState(
    int HostPid,
    DateTimeOffset StartedUtc,
    string ApiUrl,
    string MockOpenAiUrl,
    string MockLlamaParseUrl,
    string DatabaseConnectionString,
    string DemoUser,
    TokenSettings Tokens,
    SpendCaps? SpendCaps,
    string SampleDocument,
    string LogDirectory,
    IReadOnlyDictionary<string, int> ProcessIds,
    IReadOnlyDictionary<string, string> MetricsUrls,
    string StorageRoot,
    RetrySettings Retry,
    IReadOnlyDictionary<string, string> ProviderKeys)
{
    public const string FileName = "state.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the file whole or not at all, so a reader polling for it never sees half of it.</summary>
    public void WriteTo(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, FileName);
        var partial = path + ".partial";
        File.WriteAllText(partial, JsonSerializer.Serialize(this, Json));
        // The connection string, the token signing key and the provider keys are for this machine's user only.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The running pipeline's state, or an error saying it is not running.</summary>
    public static PipelineState ReadFrom(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, FileName);
        if (!File.Exists(path))
            throw new UsageException("The pipeline is not running (scripts/pipeline.sh up starts it).");
        return JsonSerializer.Deserialize<PipelineState>(File.ReadAllText(path), Json)
            ?? throw new UsageException($"{path} is empty; stop and start the pipeline again.");
    }
}

/// <summary>A command line or state that cannot be used; the message says what to do.</summary>
public sealed class UsageException(string message) : Exception(message);
