using System.Text;

namespace Acceptance.Support.Drivers.Hostile;

/// <summary>The hostile-input sweep as a table a reviewer reads in the report: one row per request and its answer.</summary>
public static class SweepReport
{
    public static string Table(IReadOnlyList<SweepAnswer> answers)
    {
        var table = new StringBuilder();
        table.AppendLine($"Hostile-input sweep: {answers.Count} requests, {answers.Count(a => a.ServerError)} server errors, " +
                         $"{answers.Count(a => a.Refused)} refused, {answers.Count(a => !a.Refused && !a.ServerError)} accepted, " +
                         $"{answers.Count(a => !a.AsExpected)} not as expected");
        table.AppendLine();
        table.AppendLine("| kind | request | expected | answer | reason | retry helps |");
        table.AppendLine("|---|---|---|---|---|---|");
        foreach (var a in answers)
            table.AppendLine($"| {a.Kind} | {a.Request} | {a.Expected} | {(a.TransportFailure is null ? a.Status.ToString() : "connection failed")} | {a.ErrorKey ?? "—"} | {(a.Retryable is { } r ? (r ? "yes" : "no") : "—")} |");
        return table.ToString();
    }
}
