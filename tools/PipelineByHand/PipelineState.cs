using System.Text.Json;

namespace PipelineByHand;

/// <summary>
/// What scripts/pipeline.sh needs to know about a running pipeline: where to reach it, how to
/// sign in, and every process it must stop. Written once the pipeline is ready.
/// </summary>
public sealed record PipelineState(
    int HostPid,
    DateTimeOffset StartedUtc,
    string ApiUrl,
    string MockOpenAiUrl,
    string MockLlamaParseUrl,
    string DatabaseConnectionString,
    string DemoUser,
    string Token,
    DateTimeOffset TokenExpiresUtc,
    string SampleDocument,
    string LogDirectory,
    IReadOnlyDictionary<string, int> ProcessIds)
{
    public const string FileName = "state.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the file whole or not at all, so a reader polling for it never sees half of it.</summary>
    public void WriteTo(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, FileName);
        var partial = path + ".partial";
        File.WriteAllText(partial, JsonSerializer.Serialize(this, Json));
        // The connection string and token are for this machine's user only.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(partial, path, overwrite: true);
    }
}
