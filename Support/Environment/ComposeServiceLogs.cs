using System.Diagnostics;
using Acceptance.Support.Control;

namespace Acceptance.Support.Environment;

/// <summary>
/// The compose services' logs as files, so the log-reading steps work as on the local target:
/// each read copies `docker logs` of every pipeline container (not the database's, as locally)
/// into the run's log folder. Copies are at most <see cref="Freshness"/> old, which keeps a
/// polling step from running docker at every poll.
/// </summary>
public sealed class ComposeServiceLogs(ComposeContainers containers, string folder)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromMilliseconds(500);
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
        foreach (var container in (await containers.ListAsync()).Where(c => c.Service != "postgres"))
        {
            var file = Path.Combine(folder, $"{container.Name}.log");
            var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "logs", container.Id }) start.ArgumentList.Add(argument);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start docker logs.");
            // The services log to stdout; stderr carries what the runtime itself writes. Both are the service's log.
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) continue; // removed meanwhile (workers recreated with other settings)
            await File.WriteAllTextAsync(file, await output + await errors);
            files[container.Name] = file;
        }
        _files = files;
    }
}
