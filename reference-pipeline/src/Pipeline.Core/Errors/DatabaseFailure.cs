using Npgsql;

namespace Pipeline.Core.Errors;

/// <summary>What a database error says about its cause, read from its SQLSTATE, never from the library that threw it.</summary>
public enum DatabaseFailureKind
{
    /// <summary>Not a database error at all.</summary>
    None,
    /// <summary>The server cannot take work now (connection lost, shutting down, out of resources): retry later.</summary>
    Unavailable,
    /// <summary>The transaction lost a race (serialization failure, deadlock): run it again.</summary>
    Conflict,
    /// <summary>The server refused the values themselves (class 22: encoding, NUL, too long, out of range): permanent.</summary>
    InvalidData,
    /// <summary>The values break a constraint (class 23: unique, foreign key, check, not null): permanent.</summary>
    ConstraintViolation,
    /// <summary>Any other server error (syntax, missing table, internal): a defect, not the data, not an outage.</summary>
    Defect,
}

/// <summary>
/// Classifies a database exception by SQLSTATE class (PostgreSQL Appendix A, "PostgreSQL Error
/// Codes"). Npgsql reports what happened to the connection itself (socket errors, timeouts, an
/// exhausted pool) as an NpgsqlException without a SQLSTATE: those are outages. A bare timeout or
/// socket error comes from somewhere else (a provider's HTTP call) and says nothing about the database.
/// </summary>
public static class DatabaseFailure
{
    public static DatabaseFailureKind Classify(Exception exception) => exception switch
    {
        PostgresException pg => ClassifySqlState(pg.SqlState),
        NpgsqlException => DatabaseFailureKind.Unavailable,
        _ when exception.InnerException is { } inner => Classify(inner),
        _ => DatabaseFailureKind.None,
    };

    public static DatabaseFailureKind ClassifySqlState(string sqlState) => sqlState switch
    {
        // 08 connection exception; 53 insufficient resources; 57P01 admin shutdown, 57P02 crash
        // shutdown, 57P03 cannot connect now; 57014 query cancelled (statement timeout).
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => DatabaseFailureKind.Unavailable,
        _ when sqlState.StartsWith("53", StringComparison.Ordinal) => DatabaseFailureKind.Unavailable,
        "57P01" or "57P02" or "57P03" or "57014" => DatabaseFailureKind.Unavailable,
        // 40001 serialization failure, 40P01 deadlock detected.
        "40001" or "40P01" => DatabaseFailureKind.Conflict,
        _ when sqlState.StartsWith("22", StringComparison.Ordinal) => DatabaseFailureKind.InvalidData,
        _ when sqlState.StartsWith("23", StringComparison.Ordinal) => DatabaseFailureKind.ConstraintViolation,
        _ => DatabaseFailureKind.Defect,
    };

    /// <summary>The server's own words and SQLSTATE, for messages that must say why.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        PostgresException pg => $"{pg.MessageText} (SQLSTATE {pg.SqlState}{(pg.ColumnName is { } column ? $", column {column}" : "")})",
        _ when exception.InnerException is PostgresException inner => Describe(inner),
        _ => exception.Message,
    };
}
