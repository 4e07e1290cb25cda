using System.Diagnostics;
using Acceptance.Support.Control;
using Pipeline.TestKit;

namespace Acceptance.Support.Environment;

/// <summary>
/// The compose services' logs as files, so the log-reading steps work as on the local target:
/// each read copies `docker logs` of every pipeline container (not the database's, as locally)
/// into the run's log folder. Copies are at most <see cref="Freshness"/> old, which keeps a
/// polling step from running docker at every poll.
/// </summary>
public sealed class ComposeServiceLogs(ComposeContainers containers, ComposeServiceMap map, string folder)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromMilliseconds(500);
    /// <summary>A guard against a hung docker client, far beyond what copying a test run's logs takes.</summary>
    private static readonly TimeSpan LogsWithin = TimeSpan.FromMinutes(2);
    private Dictionary<string, string> _files = [];
    private readonly Stopwatch _sinceCopy = new();
    private readonly Lock _copying = new();

    public IReadOnlyDictionary<string, string> Files
    {
        get
        {
            lock (_copying)
            {
                if (!_sinceCopy.IsRunning || _sinceCopy.Elapsed > Freshness)
                {
                    CopyAsync().GetAwaiter().GetResult();
                    _sinceCopy.Restart();
                }
                return new Dictionary<string, string>(_files);
            }
        }
    }

    private async Task CopyAsync()
    {
        Directory.CreateDirectory(folder);
        var files = new Dictionary<string, string>();
        foreach (var container in (await containers.ListAsync()).Where(c => c.Service != map.Database.Service))
        {
            var file = Path.Combine(folder, $"{container.Name}.log");
            // The services log to stdout; stderr carries what the runtime itself writes. Both are the service's log.
            var logs = await ProcessRun.RunAsync("docker", ["logs", container.Id], LogsWithin);
            if (!logs.Succeeded) continue; // removed meanwhile (workers recreated with other settings)
            await File.WriteAllTextAsync(file, logs.AllOutput);
            files[container.Name] = file;
        }
        _files = files;
    }
}
