using Acceptance.Support.Contexts;
using Acceptance.Support.Drivers;
using Acceptance.Support.Evidence;

namespace Acceptance.Support.Recovery;

/// <summary>Measures a scenario's recovery from the audit trail, attaches it and adds it to the run's ledger.</summary>
public sealed class RecoveryMeter(PipelineDatabaseDriver database, FaultWindow fault, RecoveryLedger ledger, EvidenceRecorder evidence)
{
    private static readonly string[] NoticedEvents = ["retry_scheduled", "lease_reclaimed", "deadlettered"];

    public async Task<RecoveryRecord> MeasureAsync(IReadOnlyCollection<string> jobIds)
    {
        var began = fault.Began ?? throw new InvalidOperationException("No fault was injected in this scenario.");
        var ended = fault.Ended ?? began;
        // The audit trail cannot record anything while the database itself is down; then what the
        // suite saw (readiness turning unavailable) is the detection.
        var noticed = fault.NoticedAt ?? await database.FirstEventAfterAsync(jobIds, NoticedEvents, began);
        var finished = await database.LastEmbeddedAtAsync(jobIds);
        // Work that was all done before the fault's end was over (a database back before its restart
        // command returned) had nothing left to recover: it moved again at once.
        var movedAgain = await database.FirstEventAfterAsync(jobIds, ["stage_transition"], ended)
            ?? (finished <= ended ? ended : null);
        var record = new RecoveryRecord(
            fault.Failure,
            Seconds(noticed - began),
            Seconds(movedAgain - ended),
            Seconds(finished - began));
        ledger.Add(record);
        evidence.AttachJson("recovery-time", record.AsEvidence());
        return record;
    }

    private static double? Seconds(TimeSpan? span) => span is { } s ? Math.Round(Math.Max(0, s.TotalSeconds), 3) : null;
}
