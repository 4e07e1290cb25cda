using Acceptance.Support.Configuration;
using Pipeline.TestKit;

namespace Acceptance.Support.Environment;

/// <summary>
/// An external pipeline's service logs as files, from the Logs command its operator gives per service
/// (Acceptance:External:Control:Services:*:Logs), copied into the run's log folder so the log-reading steps work as on
/// the local target (copied afresh at most twice a second: <see cref="FreshLogCopies"/>).
/// </summary>
public sealed class CommandServiceLogs
{
    private readonly ControlOptions _options;
    private readonly string _folder;
    private readonly FreshLogCopies _copies;

    public CommandServiceLogs(ControlOptions options, string folder)
    {
        _options = options;
        _folder = folder;
        _copies = new FreshLogCopies(CopyAllAsync);
    }

    private IEnumerable<KeyValuePair<string, ServiceCommands>> WithLogs =>
        _options.Services.Where(s => s.Value.Logs.Length > 0 && s.Key != ServiceNames.Database);

    public IReadOnlyDictionary<string, string> Files => WithLogs.Any() ? _copies.Files : new Dictionary<string, string>();

    /// <summary>All services' logs at once: a step waiting to see a worker inside a stage must see it while it is still there.</summary>
    private async Task<Dictionary<string, string>> CopyAllAsync()
    {
        Directory.CreateDirectory(_folder);
        var copies = await Task.WhenAll(WithLogs.Select(service => CopyAsync(service.Key, service.Value.Logs)));
        return copies.OfType<(string Service, string File)>().ToDictionary(copy => copy.Service, copy => copy.File);
    }

    private async Task<(string Service, string File)?> CopyAsync(string service, string command)
    {
        var logs = await ProcessRun.RunAsync("/bin/sh", ["-c", command], TimeSpan.FromSeconds(_options.CommandTimeoutSeconds));
        if (!logs.Succeeded) return null; // not there right now (stopped on purpose); the next read tries again
        var file = Path.Combine(_folder, $"{service}.log");
        await File.WriteAllTextAsync(file, logs.Output);
        return (service, file);
    }
}
