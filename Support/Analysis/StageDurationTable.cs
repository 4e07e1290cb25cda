using System.Globalization;
using System.Text;

namespace Acceptance.Support.Analysis;

/// <summary>Per-stage durations of several documents as a plain-text table a reviewer can read in the report.</summary>
public static class StageDurationTable
{
    public static string Render(IEnumerable<(string Document, StageTimeline Timeline)> rows)
    {
        var stages = StageTimeline.NineStages.SkipLast(1).ToArray();
        var text = new StringBuilder();
        text.AppendLine("seconds spent in each stage (until the next stage began)");
        text.AppendLine(string.Join(" | ", new[] { "document".PadRight(40) }.Concat(stages).Append("total")));
        foreach (var (document, timeline) in rows)
        {
            var durations = timeline.Durations.ToDictionary(d => d.Stage, d => d.Duration.TotalSeconds);
            text.AppendLine(string.Join(" | ", new[] { document.PadRight(40) }
                .Concat(stages.Select(s => (durations.TryGetValue(s, out var v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-").PadLeft(s.Length)))
                .Append(timeline.Total.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture))));
        }
        return text.ToString();
    }
}
