using System.Diagnostics;
using Acceptance.Support.Configuration;
using Pipeline.TestKit;

namespace Acceptance.Support.Environment;

/// <summary>
/// An external pipeline's service logs as files, from the Logs command its operator gives per service
/// (Acceptance:External:Control:Services:*:Logs), copied into the run's log folder so the log-reading steps work as on
/// the local target. Copies are at most <see cref="Freshness"/> old, which keeps a polling step from running them at every poll.
/// </summary>
public sealed class CommandServiceLogs(ControlOptions options, string folder)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromMilliseconds(500);
    private Dictionary<string, string> _files = [];
    private readonly Stopwatch _sinceCopy = new();
    private readonly Lock _copying = new();

    private IEnumerable<KeyValuePair<string, ServiceCommands>> WithLogs =>
        options.Services.Where(s => s.Value.Logs.Length > 0 && s.Key != ServiceNames.Database);

    public IReadOnlyDictionary<string, string> Files
    {
        get
        {
            if (!WithLogs.Any()) return _files;
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

    /// <summary>All services' logs at once: a step waiting to see a worker inside a stage must see it while it is still there.</summary>
    private async Task CopyAsync()
    {
        Directory.CreateDirectory(folder);
        var copies = await Task.WhenAll(WithLogs.Select(service => CopyAsync(service.Key, service.Value.Logs)));
        _files = copies.OfType<(string Service, string File)>().ToDictionary(copy => copy.Service, copy => copy.File);
    }

    private async Task<(string Service, string File)?> CopyAsync(string service, string command)
    {
        var logs = await ProcessRun.RunAsync("/bin/sh", ["-c", command], TimeSpan.FromSeconds(options.CommandTimeoutSeconds));
        if (!logs.Succeeded) return null; // not there right now (stopped on purpose); the next read tries again
        var file = Path.Combine(folder, $"{service}.log");
        await File.WriteAllTextAsync(file, logs.Output);
        return (service, file);
    }
}
