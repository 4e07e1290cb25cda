using Pipeline.TestKit;

namespace Acceptance.Support.Environment;

/// <summary>
/// The reference services as child processes: how each is started and known to be ready, and the
/// process currently running it. Starting a service again replaces its process; its log file grows on.
/// </summary>
public sealed class LocalServices(string logDirectory, TimeSpan readyTimeout) : IAsyncDisposable
{
    private readonly Dictionary<string, LocalService> _definitions = new();
    private readonly Dictionary<string, ServiceProcess> _running = new();

    public IEnumerable<string> Names => _definitions.Keys;

    public IReadOnlyDictionary<string, string> LogFiles => _definitions.Keys.ToDictionary(name => name, LogFile);

    public ServiceProcess this[string name] =>
        _running.TryGetValue(name, out var process) ? process : throw new KeyNotFoundException($"No service named '{name}' was started.");

    public void Define(LocalService service) => _definitions[service.Name] = service;

    /// <summary>
    /// Starts the service (replacing any process it had, on the same port, so clients and other
    /// services keep reaching it) and waits until it reports ready.
    /// </summary>
    public async Task<ServiceProcess> StartAsync(string name, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var definition = _definitions[name];
        int? port = null;
        if (_running.Remove(name, out var previous))
        {
            port = previous.Port;
            await previous.DisposeAsync();
        }
        var environment = new Dictionary<string, string?>(definition.Environment);
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
            environment[key] = value;
        var process = ServiceProcess.Start(new ServiceProcessOptions
        {
            Name = name,
            FileName = "dotnet",
            Arguments = [ServiceBinaries.PathOf(definition.Binary)],
            Environment = environment,
            LogFile = LogFile(name),
            Port = port,
        });
        _running[name] = process;
        await definition.WaitUntilReady(process, readyTimeout);
        return process;
    }

    public Task WaitUntilAllReadyAsync() =>
        Task.WhenAll(_running.Select(entry => _definitions[entry.Key].WaitUntilReady(entry.Value, readyTimeout)));

    private string LogFile(string name) => Path.Combine(logDirectory, $"{name}.log");

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _running.Values.Reverse())
            await process.DisposeAsync();
        _running.Clear();
    }
}

/// <summary>How to start one service and how to know it is ready.</summary>
public sealed record LocalService(
    string Name, string Binary, IReadOnlyDictionary<string, string?> Environment, Func<ServiceProcess, TimeSpan, Task> WaitUntilReady)
{
    public static Func<ServiceProcess, TimeSpan, Task> Healthy(string path) => (process, timeout) => process.WaitForHealthyAsync(path, timeout);

    public static Func<ServiceProcess, TimeSpan, Task> LogsLine(string text) => (process, timeout) =>
        process.WaitForLogLineAsync(line => line.Contains(text, StringComparison.Ordinal), timeout, $"{process.Name} to report '{text}'");
}
