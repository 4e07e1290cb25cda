using System.Net.Sockets;
using Npgsql;

namespace ApiServer.Data;

/// <summary>Tells a database outage (answer 503, retry later) from a defect (answer 500).</summary>
public static class DatabaseFailures
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        // Server-side errors are outages only when they mean "not accepting work now":
        // connection exceptions (08), shutdown/crash/cannot-connect-now (57P0x), resources (53).
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                || pg.SqlState.StartsWith("57P0", StringComparison.Ordinal)
                                || pg.SqlState.StartsWith("53", StringComparison.Ordinal),
        NpgsqlException => true,
        SocketException => true,
        TimeoutException => true,
        _ when exception.InnerException is { } inner => IsUnavailable(inner),
        _ => false,
    };
}
