namespace Pipeline.TestKit;

/// <summary>The shutdown modes of <c>pg_ctl stop -m</c>.</summary>
public enum PostgresStopMode
{
    /// <summary>Waits for every client to disconnect.</summary>
    Smart,
    /// <summary>Disconnects clients, rolls back their transactions, checkpoints.</summary>
    Fast,
    /// <summary>Aborts at once, like a crash; the next start runs recovery.</summary>
    Immediate,
}
