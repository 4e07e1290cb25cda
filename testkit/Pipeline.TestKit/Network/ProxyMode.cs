namespace Pipeline.TestKit;

/// <summary>What a <see cref="TcpFaultProxy"/> does with connections, besides any added latency.</summary>
public enum ProxyMode
{
    /// <summary>Forwards every connection and all its data.</summary>
    Pass,

    /// <summary>
    /// Resets each new connection as soon as it is accepted (the dependency is "down"); connections
    /// already open keep working. The kernel completes the handshake before the proxy sees the connection,
    /// so the client fails with "connection reset" either in its connect or on its first read or write
    /// (not with "connection refused").
    /// </summary>
    RefuseNew,

    /// <summary>
    /// A network partition: new connections are accepted and held without reaching the upstream, and open
    /// connections stall in both directions. Nothing is closed; clients see only silence until they time out.
    /// Data held meanwhile is delivered, in order, once the mode changes back.
    /// </summary>
    BlackHole,
}
