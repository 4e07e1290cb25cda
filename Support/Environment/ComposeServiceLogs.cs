using Acceptance.Support.Control;
using Pipeline.TestKit;

namespace Acceptance.Support.Environment;

/// <summary>
/// The compose services' logs as files, so the log-reading steps work as on the local target:
/// each read copies `docker logs` of every pipeline container (not the database's, as locally)
/// into the run's log folder, afresh at most twice a second (<see cref="FreshLogCopies"/>).
/// </summary>
public sealed class ComposeServiceLogs
{
    /// <summary>A guard against a hung docker client, far beyond what copying a test run's logs takes.</summary>
    private static readonly TimeSpan LogsWithin = TimeSpan.FromMinutes(2);
    private readonly ComposeContainers _containers;
    private readonly ComposeServiceMap _map;
    private readonly string _folder;
    private readonly FreshLogCopies _copies;

    public ComposeServiceLogs(ComposeContainers containers, ComposeServiceMap map, string folder)
    {
        _containers = containers;
        _map = map;
        _folder = folder;
        _copies = new FreshLogCopies(CopyAsync);
    }

    public IReadOnlyDictionary<string, string> Files => _copies.Files;

    private async Task<Dictionary<string, string>> CopyAsync()
    {
        Directory.CreateDirectory(_folder);
        var files = new Dictionary<string, string>();
        foreach (var container in (await _containers.ListAsync()).Where(c => c.Service != _map.Database.Service))
        {
            var file = Path.Combine(_folder, $"{container.Name}.log");
            // The services log to stdout; stderr carries what the runtime itself writes. Both are the service's log.
            var logs = await ProcessRun.RunAsync("docker", ["logs", container.Id], LogsWithin);
            if (!logs.Succeeded) continue; // removed meanwhile (workers recreated with other settings)
            await File.WriteAllTextAsync(file, logs.AllOutput);
            files[container.Name] = file;
        }
        return files;
    }
}
