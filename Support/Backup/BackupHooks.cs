using Reqnroll;

namespace Acceptance.Support.Backup;

/// <summary>After a drill the server stops archiving into the scenario's archive, which is then removed.</summary>
[Binding]
public sealed class BackupHooks(PipelineBackup backup, IReqnrollOutputHelper output)
{
    [AfterScenario(Order = 900)]
    public async Task StopArchiving()
    {
        if (!backup.Archiving) return;
        try
        {
            await backup.StopArchivingAsync();
        }
        catch (Exception e)
        {
            output.WriteLine($"Could not switch archiving off after the drill: {e.Message}");
        }
    }
}
