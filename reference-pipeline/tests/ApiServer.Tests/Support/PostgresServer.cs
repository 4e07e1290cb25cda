using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ApiServer.Tests.Support;

/// <summary>
/// A private PostgreSQL 15 cluster in a temp folder, run as the <c>postgres</c> user (the server
/// refuses root), trusting loopback connections on a free port. Stop/Start keep the data and port
/// so tests can simulate an outage; disposal stops it and deletes everything.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string BinDir = "/usr/lib/postgresql/15/bin";
    private readonly string _root;
    private readonly string _dataDir;

    private PostgresServer(string root, int port)
    {
        _root = root;
        _dataDir = Path.Combine(root, "data");
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=3;Command Timeout=10";

    public static async Task<PostgresServer> StartAsync()
    {
        var root = Directory.CreateTempSubdirectory("apiserver-tests-pg-").FullName;
        await RunAsync("chown", "postgres:postgres", root);
        var server = new PostgresServer(root, FreePort());
        await RunAsPostgresAsync($"{BinDir}/initdb", "-D", server._dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the (stopped) cluster on its original port and waits until it accepts connections.</summary>
    public Task StartAgainAsync() => RunAsPostgresAsync($"{BinDir}/pg_ctl", "-D", _dataDir, "-l", Path.Combine(_root, "server.log"),
        "-w", "-t", "30", "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_root} -c fsync=off", "start");

    /// <summary>Starts the cluster unless it already runs (for cleanup after a test that stopped it).</summary>
    public async Task EnsureStartedAsync()
    {
        if (!File.Exists(Path.Combine(_dataDir, "postmaster.pid"))) await StartAgainAsync();
    }

    /// <summary>Stops the cluster (fast shutdown: open sessions are disconnected) and waits until it is gone.</summary>
    public Task StopAsync() => RunAsPostgresAsync($"{BinDir}/pg_ctl", "-D", _dataDir, "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(_dataDir, "postmaster.pid"))) await StopAsync();
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsPostgresAsync(params string[] command) => RunAsync("runuser", ["-u", "postgres", "--", .. command]);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stdout}{await stderr}");
        }
    }
}
