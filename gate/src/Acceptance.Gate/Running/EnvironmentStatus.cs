using System.Text.Json;

namespace Acceptance.Gate.Running;

/// <summary>
/// What the suite's environment hook wrote about starting the target (environment.json in the run
/// folder): ready, failed to start, or refused its configuration.
/// </summary>
public sealed record EnvironmentStatus(string Status, string? Target, double? StartupSeconds, string? Error)
{
    public const string FileName = "environment.json";

    public bool Ready => Status == "ready";
    public bool BadConfiguration => Status == "bad-configuration";

    public static EnvironmentStatus? Read(string runFolder)
    {
        var path = Path.Combine(runFolder, FileName);
        return File.Exists(path)
            ? JsonSerializer.Deserialize<EnvironmentStatus>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            : null;
    }
}
