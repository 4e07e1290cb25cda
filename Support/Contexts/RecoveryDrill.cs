using Acceptance.Support.Backup;
using Acceptance.Support.Configuration;

namespace Acceptance.Support.Contexts;

/// <summary>A backup-and-restore drill in this scenario: what existed before the loss and how long each part took.</summary>
public sealed class RecoveryDrill
{
    public BaseBackupFigures? BaseBackup { get; set; }
    public IReadOnlyList<DocumentFingerprint> Before { get; set; } = [];
    public IReadOnlyList<Upload> InFlight { get; set; } = [];
    public DateTimeOffset LastCommitAt { get; set; }
    public DateTimeOffset ArchivedAt { get; set; }
    public DateTimeOffset LostAt { get; set; }
    public DateTimeOffset ServingAgainAt { get; set; }
    public DateTimeOffset? RestoredToBefore { get; set; }
    public string? DeletedUserId { get; set; }

    public TimeSpan RecoveryTime => ServingAgainAt - LostAt;

    /// <summary>How long committed work waited before it was safe in the archive: what a loss at the worst moment would have cost.</summary>
    public TimeSpan DataAtRisk => ArchivedAt - LastCommitAt;

    /// <summary>The drill's figures beside the objectives they are judged by, for the report.</summary>
    public object Figures(BackupOptions objectives) => new
    {
        baseBackupBytes = BaseBackup?.Bytes,
        baseBackupSeconds = BaseBackup?.Seconds,
        restoredTo = RestoredToBefore?.ToString("O") ?? "latest archived point",
        lostAt = LostAt,
        servingAgainAt = ServingAgainAt,
        recoveryTimeSeconds = Math.Round(RecoveryTime.TotalSeconds, 2),
        recoveryTimeObjectiveSeconds = objectives.RecoveryTimeObjectiveSeconds,
        dataAtRiskSeconds = RestoredToBefore is null ? Math.Round(DataAtRisk.TotalSeconds, 2) : (double?)null,
        recoveryPointObjectiveSeconds = objectives.RecoveryPointObjectiveSeconds,
        archiveTimeoutSeconds = objectives.ArchiveTimeoutSeconds,
        documentsCompared = Before.Count,
    };
}
