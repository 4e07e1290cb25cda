using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Pipeline.TestKit.Internal;

namespace Pipeline.TestKit;

/// <summary>
/// A private, throw-away PostgreSQL server: its own data folder under the temp folder, listening on a
/// free loopback port, trust authentication for 127.0.0.1 only. When the test process runs as root the
/// server programs run as the <c>postgres</c> OS user, because PostgreSQL refuses to run as root.
/// </summary>
public sealed partial class PostgresCluster : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private readonly string _binDirectory;
    private readonly PostgresClusterOptions _options;
    private readonly bool _runAsServiceUser;
    private int _disposed;

    private PostgresCluster(string binDirectory, string rootDirectory, int port, PostgresClusterOptions options)
    {
        _binDirectory = binDirectory;
        _options = options;
        _runAsServiceUser = LibC.IsRoot;
        RootDirectory = rootDirectory;
        Port = port;
        ConnectionString = ConnectionStringFor("postgres");
    }

    /// <summary>Connection string for the superuser <c>postgres</c> to the database <c>postgres</c>.</summary>
    public string ConnectionString { get; }

    public int Port { get; }

    /// <summary>The temporary folder that holds everything: data, log and unix socket. Deleted on dispose.</summary>
    public string RootDirectory { get; }

    public string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>The server's own log (stderr of the postmaster).</summary>
    public string LogFile => Path.Combine(RootDirectory, "postgres.log");

    /// <summary>Folder of the server's unix socket (kept private to the cluster).</summary>
    public string SocketDirectory => RootDirectory;

    /// <summary>Folder of the PostgreSQL programs in use (pg_dump, pg_basebackup, psql live there too).</summary>
    public string BinDirectory => _binDirectory;

    /// <summary>True while the postmaster named in postmaster.pid is alive.</summary>
    public bool IsRunning => ReadPostmasterPid() is { } pid && LibC.ProcessExists(pid);

    /// <summary>Creates, initialises and starts a cluster; returns once it accepts connections.</summary>
    public static async Task<PostgresCluster> StartAsync(PostgresClusterOptions? options = null, CancellationToken ct = default)
    {
        options ??= new PostgresClusterOptions();
        var binDirectory = PostgresBinaries.Locate(options.BinDirectory);
        var parent = options.ParentDirectory ?? Path.GetTempPath();
        var root = Path.Combine(parent, "pgtestkit-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);

        var cluster = new PostgresCluster(binDirectory, root, options.Port ?? FreePort.Next(), options);
        ProcessJanitor.Register(cluster, cluster.EmergencyCleanup);
        try
        {
            await cluster.InitialiseAsync();
            await cluster.StartServerAsync(ct);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        if (!DatabaseName().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a plain database name (letters, digits, underscore; at most 63).", nameof(name));
        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(ct);
        return ConnectionStringFor(name);
    }

    /// <summary>Connection string for the superuser to another database of this cluster.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>
    /// Like <see cref="ConnectionStringFor"/>, but giving up within seconds: outage tests must see a
    /// stopped server as a service would, not wait out Npgsql's default timeouts.
    /// </summary>
    public string FailFastConnectionStringFor(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder(ConnectionStringFor(database)) { Timeout = 3, CommandTimeout = 10 }.ConnectionString;

    /// <summary>Creates an empty database named after <paramref name="prefix"/> and a fresh GUID, so tests never share rows.</summary>
    public Task<string> CreateUniqueDatabaseAsync(string prefix, CancellationToken ct = default) =>
        CreateDatabaseAsync($"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant(), ct);

    /// <summary>Starts the cluster again unless it runs (cleanup after a test that stopped it).</summary>
    public async Task EnsureRunningAsync(CancellationToken ct = default)
    {
        if (!IsRunning) await StartAgainAsync(ct);
    }

    /// <summary>Stops the server with <c>pg_ctl stop -m</c>; returns at once when it is not running.</summary>
    public async Task StopAsync(PostgresStopMode mode = PostgresStopMode.Fast)
    {
        if (!IsRunning) return;
        var modeName = mode.ToString().ToLowerInvariant();
        await RunServerProgramAsync("pg_ctl",
            ["stop", "-D", DataDirectory, "-m", modeName, "-w", "-t", TimeoutSeconds()]);
        // Pooled connections to a stopped server are dead; drop them so later opens see the truth.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the same data folder again on the same port (crash recovery after Immediate).</summary>
    public Task StartAgainAsync(CancellationToken ct = default) => StartServerAsync(ct);

    /// <summary>The last <paramref name="lines"/> lines of the server log, for failure messages.</summary>
    public string LogTail(int lines = 30)
    {
        try
        {
            if (!File.Exists(LogFile)) return "(no server log yet)";
            var all = File.ReadAllLines(LogFile);
            return string.Join(Environment.NewLine, all.Skip(Math.Max(0, all.Length - lines)));
        }
        catch (IOException e)
        {
            return $"(server log unreadable: {e.Message})";
        }
    }

    /// <summary>Stops the server at once and deletes its folder. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try { await StopAsync(PostgresStopMode.Immediate); }
        catch { /* best effort: the folder is removed below either way */ }
        DeleteRoot();
        ProcessJanitor.Unregister(this);
    }

    /// <summary>Runs one of the cluster's programs (pg_dump, psql, ...) as the server's OS user.</summary>
    public Task<string> RunProgramAsync(string program, IReadOnlyList<string> arguments) =>
        RunServerProgramAsync(program, arguments);

    private async Task InitialiseAsync()
    {
        if (_runAsServiceUser)
            (await ProcessRun.RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", RootDirectory], _options.Timeout, EnglishMessages, RootDirectory))
                .ThrowIfFailed();

        await RunServerProgramAsync("initdb",
        [
            "-D", DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale",
            "--no-sync", "--no-instructions",
        ]);

        // Trust only the private socket and 127.0.0.1: nothing from another address may log in.
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "pg_hba.conf"),
            """
            # Written by Pipeline.TestKit: a private test cluster.
            local   all           all                   trust
            host    all           all   127.0.0.1/32    trust
            local   replication   all                   trust
            host    replication   all   127.0.0.1/32    trust

            """);
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        var serverOptions = new List<string>
        {
            $"-p {Port}",
            "-c listen_addresses=127.0.0.1",
            $"-k {SocketDirectory}",
            $"-c fsync={(_options.Fsync ? "on" : "off")}",
        };
        serverOptions.AddRange(_options.Settings.Select(s => $"-c {s.Key}={s.Value}"));

        await RunServerProgramAsync("pg_ctl",
        [
            "start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", TimeoutSeconds(),
            "-o", string.Join(' ', serverOptions),
        ]);
        await WaitUntilAcceptingConnectionsAsync(ct);
    }

    private Task WaitUntilAcceptingConnectionsAsync(CancellationToken ct) =>
        Poll.UntilAsync(
            $"PostgreSQL on 127.0.0.1:{Port} accepting connections",
            async token =>
            {
                try
                {
                    await using var connection = new NpgsqlConnection(AdminConnectionString());
                    await connection.OpenAsync(token);
                    await using var command = new NpgsqlCommand("SELECT 1", connection);
                    await command.ExecuteScalarAsync(token);
                    return null;
                }
                catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
                {
                    return IsRunning ? e.Message : $"server not running ({e.Message})";
                }
            },
            _options.Timeout,
            () => $"Server log ({LogFile}):{Environment.NewLine}{LogTail()}",
            ct);

    /// <summary>Messages in English whatever the machine's locale, so failures read the same everywhere.</summary>
    private static readonly Dictionary<string, string> EnglishMessages = new() { ["LC_ALL"] = "C" };

    private async Task<string> RunServerProgramAsync(string program, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binDirectory, program);
        var (fileName, fullArguments) = _runAsServiceUser
            ? ("runuser", new[] { "-u", ServiceUser, "--", path }.Concat(arguments).ToArray())
            : (path, arguments.ToArray());
        try
        {
            var result = await ProcessRun.RunAsync(fileName, fullArguments, _options.Timeout, EnglishMessages, RootDirectory);
            return result.ThrowIfFailed().AllOutput;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"{program} failed for the test cluster in {RootDirectory}.{Environment.NewLine}{e.Message}" +
                $"{Environment.NewLine}Server log tail:{Environment.NewLine}{LogTail()}", e);
        }
    }

    private string AdminConnectionString() => new NpgsqlConnectionStringBuilder(ConnectionString)
    {
        Pooling = false,
        Timeout = 5,
    }.ConnectionString;

    private int? ReadPostmasterPid()
    {
        try
        {
            var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
            if (!File.Exists(pidFile)) return null;
            using var reader = new StreamReader(pidFile);
            return int.TryParse(reader.ReadLine(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null; // being rewritten by a starting or stopping server
        }
    }

    private string TimeoutSeconds() => ((int)Math.Ceiling(_options.Timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private void EmergencyCleanup()
    {
        // Called on process exit for a cluster nobody disposed: SIGQUIT is PostgreSQL's immediate shutdown.
        if (ReadPostmasterPid() is { } pid) LibC.SendSignal(pid, (int)ProcessSignal.Quit);
        DeleteRoot();
    }

    private void DeleteRoot()
    {
        try
        {
            if (Directory.Exists(RootDirectory)) Directory.Delete(RootDirectory, recursive: true);
        }
        catch
        {
            /* a left-over temp folder is not worth failing a test run for */
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
