using System.Globalization;
using Microsoft.Extensions.Configuration;
using Pipeline.Contract;

namespace Pipeline.Core.Defects;

/// <summary>
/// Test-only pauses inside a working stage, so the acceptance suite can kill a worker
/// while it visibly holds a job in that stage (<c>stage</c> = the stage, <c>state</c> = working).
/// Not a defect: the pipeline stays correct, only slower. Read from <c>PIPELINE_STAGE_DELAYS</c>
/// (e.g. <c>parsing=3000,chunking=3000,embedding=3000</c>, milliseconds) and honoured only in the
/// <c>Testing</c> environment.
/// </summary>
public sealed class StageDelays
{
    public const string EnvironmentVariable = "PIPELINE_STAGE_DELAYS";

    /// <summary>The stages that do work a worker can be caught in (the others only commit a transition).</summary>
    public static IReadOnlyList<string> WorkingStages { get; } = [Stages.Parsing, Stages.Chunking, Stages.Embedding];

    public static StageDelays None { get; } = new(new Dictionary<string, TimeSpan>());

    private readonly IReadOnlyDictionary<string, TimeSpan> _delays;

    private StageDelays(IReadOnlyDictionary<string, TimeSpan> delays) => _delays = delays;

    public static StageDelays FromConfiguration(IConfiguration configuration, string hostEnvironmentName) => Parse(
        configuration[EnvironmentVariable],
        hostEnvironmentName,
        Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"),
        Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"));

    /// <summary>
    /// Parses <c>stage=milliseconds</c> pairs. Outside <c>Testing</c> every delay is off. A malformed
    /// list throws: a test that asked for a delay must not run silently without it.
    /// </summary>
    public static StageDelays Parse(string? delayList, params string?[] environmentNames)
    {
        if (!PipelineDefects.IsTesting(environmentNames) || string.IsNullOrWhiteSpace(delayList)) return None;
        var delays = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var pair in delayList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !WorkingStages.Contains(parts[0])
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
            {
                throw new FormatException(
                    $"{EnvironmentVariable}: '{pair}' is not <stage>=<milliseconds> with stage one of {string.Join(", ", WorkingStages)}.");
            }
            delays[parts[0]] = TimeSpan.FromMilliseconds(milliseconds);
        }
        return new StageDelays(delays);
    }

    /// <summary>The pause before <paramref name="stage"/>'s work, or null for none.</summary>
    public TimeSpan? For(string stage) => _delays.TryGetValue(stage, out var delay) && delay > TimeSpan.Zero ? delay : null;

    public override string ToString() =>
        _delays.Count == 0 ? "none" : string.Join(",", _delays.OrderBy(d => d.Key).Select(d => $"{d.Key}={d.Value.TotalMilliseconds}"));
}
