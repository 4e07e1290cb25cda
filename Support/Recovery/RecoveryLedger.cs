using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Acceptance.Support.Recovery;

/// <summary>Every recovery measured in this run, written at the end as the run's recovery-time table.</summary>
public sealed class RecoveryLedger
{
    private readonly ConcurrentQueue<RecoveryRecord> _records = new();

    public void Add(RecoveryRecord record) => _records.Enqueue(record);

    public async Task WriteAsync(string folder)
    {
        if (_records.IsEmpty) return;
        var table = new StringBuilder()
            .AppendLine("# Recovery times")
            .AppendLine()
            .AppendLine("Measured from the audit trail: detection = fault start → first retry or lease reclaim; recovery = fault end → first stage transition; total = fault start → last affected document embedded.")
            .AppendLine()
            .AppendLine("| failure | detection (s) | recovery (s) | total (s) |")
            .AppendLine("|---|---|---|---|");
        foreach (var record in _records)
            table.AppendLine(CultureInfo.InvariantCulture, $"| {record.Failure} | {Show(record.DetectionSeconds)} | {Show(record.RecoverySeconds)} | {Show(record.TotalSeconds)} |");
        await File.WriteAllTextAsync(Path.Combine(folder, "recovery-times.md"), table.ToString());
        await File.WriteAllTextAsync(Path.Combine(folder, "recovery-times.json"),
            JsonSerializer.Serialize(_records, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
    }

    private static string Show(double? seconds) => seconds?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";
}
