namespace Pipeline.TestKit;

/// <summary>How a private test cluster is set up. Defaults favour speed over durability.</summary>
public sealed record PostgresClusterOptions
{
    /// <summary>
    /// Folder holding initdb, pg_ctl and postgres. Null: <c>PG_BIN</c>, then the newest
    /// <c>/usr/lib/postgresql/*/bin</c>, then <c>pg_config --bindir</c>.
    /// </summary>
    public string? BinDirectory { get; init; }

    /// <summary>Where the cluster's temporary folder is made. Null: the system temp folder.</summary>
    public string? ParentDirectory { get; init; }

    /// <summary>False (default) runs with fsync=off: fast, and a machine crash loses data.</summary>
    public bool Fsync { get; init; }

    /// <summary>Loopback port to listen on. Null: a free port.</summary>
    public int? Port { get; init; }

    /// <summary>How long initdb, start and stop may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Extra <c>-c name=value</c> server settings, e.g. max_connections.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
