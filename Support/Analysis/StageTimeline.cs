using Acceptance.Support.Drivers;

namespace Acceptance.Support.Analysis;

/// <summary>A job's path through the nine stages, reconstructed from its audit trail.</summary>
public sealed class StageTimeline(IReadOnlyList<StageTransition> transitions)
{
    public static readonly IReadOnlyList<string> NineStages = Stages.InOrder;

    /// <summary>Stages in the order they were entered; a stage that is re-entered later appears again.</summary>
    public IReadOnlyList<string> StagesEntered =>
        transitions.Select(t => t.Stage).Where((stage, i) => i == 0 || transitions[i - 1].Stage != stage).ToArray();

    /// <summary>Time from entering each stage until entering the next one (the last stage has none).</summary>
    public IReadOnlyList<StageDuration> Durations =>
        StagesEntered.Count < 2
            ? []
            : StagesEntered.Zip(StagesEntered.Skip(1), (stage, next) => new StageDuration(stage, FirstEntry(next) - FirstEntry(stage))).ToArray();

    public TimeSpan Total => transitions.Count == 0 ? TimeSpan.Zero : transitions[^1].At - transitions[0].At;

    public DateTimeOffset? Began => transitions.Count == 0 ? null : transitions[0].At;
    public DateTimeOffset? Ended => transitions.Count == 0 ? null : transitions[^1].At;

    /// <param name="baseline">When given, the total time is also reported as a baseline metric of that name.</param>
    public object AsEvidence(string label, string? baseline = null) => new
    {
        document = label,
        baseline = baseline is null ? null : new { name = baseline, value = Math.Round(Total.TotalSeconds, 3), unit = "s", better = "lower" },
        stagesEntered = StagesEntered,
        totalSeconds = Math.Round(Total.TotalSeconds, 3),
        secondsPerStage = Durations.ToDictionary(d => d.Stage, d => Math.Round(d.Duration.TotalSeconds, 3)),
        transitions = transitions.Select(t => new { t.Stage, t.State, at = t.At.ToString("O"), worker = t.WorkerId }),
    };

    /// <summary>The stages a document entered, as its service log lines tell it (transitions name where they came from and went to).</summary>
    public static IReadOnlyList<string> StagesEnteredFromLog(IEnumerable<ServiceLogLine> story)
    {
        var stages = new List<string>();
        foreach (var line in story.Where(l => l.FromStage is not null && l.Stage is not null))
        {
            if (stages.Count == 0) stages.Add(line.FromStage!);
            if (stages[^1] != line.Stage) stages.Add(line.Stage!);
        }
        return stages;
    }

    private DateTimeOffset FirstEntry(string stage) => transitions.First(t => t.Stage == stage).At;
}

public sealed record StageDuration(string Stage, TimeSpan Duration);
