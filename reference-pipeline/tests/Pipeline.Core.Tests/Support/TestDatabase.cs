using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pipeline.Core.Database;
using Pipeline.Core.Queue;

namespace Pipeline.Tests.Support;

/// <summary>A fresh migrated database per test, with helpers to seed documents and jobs and read rows back.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; }
    public string ConnectionString { get; }

    private TestDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public static async Task<TestDatabase> CreateAsync(PostgresServer server, string prefix, bool migrate = true)
    {
        var database = new TestDatabase(await server.CreateDatabaseAsync(prefix));
        if (migrate) await MigrationRunner.ApplyAsync(database.DataSource, NullLogger.Instance, CancellationToken.None);
        return database;
    }

    /// <summary>Inserts a document and its queued job; returns (documentId, jobId, correlationId).</summary>
    public async Task<(Guid DocumentId, Guid JobId, Guid CorrelationId)> SeedJobAsync(string storagePath = "/nonexistent/original.pdf",
        string filename = "policy.pdf", Guid? documentId = null)
    {
        var id = documentId ?? Guid.NewGuid();
        var jobId = Guid.NewGuid();
        var correlationId = Guid.NewGuid();
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("""
            INSERT INTO upload_pipeline.documents (document_id, user_id, filename, mime, size_bytes, sha256, storage_path)
            VALUES (@id, 'dana', @filename, 'application/pdf', 1234, @sha, @path)
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("filename", filename);
            command.Parameters.AddWithValue("sha", id.ToString("N"));
            command.Parameters.AddWithValue("path", storagePath);
            await command.ExecuteNonQueryAsync();
        }
        await JobIntake.EnqueueAsync(connection, transaction,
            new NewJob(jobId, id, "dana", correlationId, $"dana:{id:N}"), CancellationToken.None);
        await transaction.CommitAsync();
        return (id, jobId, correlationId);
    }

    /// <summary>Time passes for the holder: its lease runs out as if it had stopped renewing (crashed or hung).</summary>
    public async Task ExpireLeaseAsync(Guid jobId)
    {
        await using var command = DataSource.CreateCommand(
            "UPDATE upload_pipeline.upload_jobs SET lease_expires_at = now() - interval '1 second' WHERE job_id = @id AND state = 'working'");
        command.Parameters.AddWithValue("id", jobId);
        (await command.ExecuteNonQueryAsync()).Should().Be(1, "the job must be leased to expire its lease");
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<JobRow> JobAsync(Guid jobId)
    {
        await using var command = DataSource.CreateCommand("""
            SELECT stage, state, attempt_count, retry_count, lease_token, claimed_by, last_error_code, last_error_message,
                   last_error_retryable, next_attempt_at, updated_at, payload::text,
                   extract(epoch FROM next_attempt_at - now())::float8
            FROM upload_pipeline.upload_jobs WHERE job_id = @id
            """);
        command.Parameters.AddWithValue("id", jobId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException($"job {jobId} not found");
        return new JobRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetBoolean(8),
            reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10), reader.GetString(11), reader.GetDouble(12));
    }

    public async Task<IReadOnlyList<(string EventType, string? Stage, string? State)>> EventsAsync(Guid jobId)
    {
        await using var command = DataSource.CreateCommand(
            "SELECT event_type, stage, state FROM upload_pipeline.events WHERE job_id = @id ORDER BY event_id");
        command.Parameters.AddWithValue("id", jobId);
        var events = new List<(string, string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            events.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        return events;
    }

    public async ValueTask DisposeAsync() => await DataSource.DisposeAsync();
}

public sealed record JobRow(string Stage, string State, int AttemptCount, int RetryCount, long LeaseToken, string? ClaimedBy,
    string? LastErrorCode, string? LastErrorMessage, bool? LastErrorRetryable, DateTimeOffset NextAttemptAt, DateTimeOffset UpdatedAt,
    string Payload, double SecondsUntilNextAttempt)
{
    public override string ToString() => $"{Stage}/{State} attempts={AttemptCount} retries={RetryCount} error={LastErrorCode}";
}
