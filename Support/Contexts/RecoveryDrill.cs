using Acceptance.Support.Backup;

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
}
