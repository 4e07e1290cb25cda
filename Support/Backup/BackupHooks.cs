using Reqnroll;

namespace Acceptance.Support.Backup;

/// <summary>After a drill, what must not outlive it is undone (on the local target: archiving into the scenario's archive, which is then removed).</summary>
[Binding]
public sealed class BackupHooks(PipelineBackup backup, IReqnrollOutputHelper output)
{
    [AfterScenario(Order = 900)]
    public async Task EndTheDrill()
    {
        try
        {
            await backup.AfterDrillAsync();
        }
        catch (Exception e)
        {
            output.WriteLine($"Could not end the backup drill (archiving may still be on): {e.Message}");
        }
    }
}
