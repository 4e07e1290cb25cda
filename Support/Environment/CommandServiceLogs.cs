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

    private async Task CopyAsync()
    {
        Directory.CreateDirectory(folder);
        var files = new Dictionary<string, string>();
        foreach (var (service, commands) in WithLogs)
        {
            var logs = await ProcessRun.RunAsync("/bin/sh", ["-c", commands.Logs], TimeSpan.FromSeconds(options.CommandTimeoutSeconds));
            if (!logs.Succeeded) continue; // not there right now (stopped on purpose); the next read tries again
            var file = Path.Combine(folder, $"{service}.log");
            await File.WriteAllTextAsync(file, logs.Output);
            files[service] = file;
        }
        _files = files;
    }
}
