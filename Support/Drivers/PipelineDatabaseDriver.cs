using Acceptance.Support.Environment;
using Npgsql;

namespace Acceptance.Support.Drivers;

/// <summary>
/// Reads the pipeline's state straight from PostgreSQL (schema upload_pipeline). The only code in
/// the suite that knows table names and SQL; it never writes. Vectors are read as real[], which
/// works whether the server stores them as pgvector or as arrays.
/// </summary>
public sealed class PipelineDatabaseDriver(IPipelineEnvironment environment) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db = NpgsqlDataSource.Create(environment.DatabaseConnectionString);

    public async Task<IReadOnlyList<StageTransition>> StageTransitionsAsync(string jobId) =>
        await QueryAsync("""
            SELECT stage, state, created_at, worker_id FROM upload_pipeline.events
            WHERE job_id = @id::uuid AND event_type = 'stage_transition' ORDER BY event_id
            """, r => new StageTransition(r.GetString(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.IsDBNull(3) ? null : r.GetString(3)),
            ("id", jobId));

    public async Task<IReadOnlyList<AuditEvent>> EventsOfJobAsync(string jobId) =>
        await QueryAsync("""
            SELECT event_type, stage, state, correlation_id::text, created_at FROM upload_pipeline.events
            WHERE job_id = @id::uuid OR document_id = (SELECT document_id FROM upload_pipeline.upload_jobs WHERE job_id = @id::uuid)
            ORDER BY event_id
            """, r => new AuditEvent(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.GetString(3), r.GetFieldValue<DateTimeOffset>(4)),
            ("id", jobId));

    public async Task<string?> CorrelationIdOfJobAsync(string jobId) =>
        (await QueryAsync("SELECT correlation_id::text FROM upload_pipeline.upload_jobs WHERE job_id = @id::uuid",
            r => r.GetString(0), ("id", jobId))).SingleOrDefault();

    public async Task<StoredDocument?> DocumentAsync(string documentId) =>
        (await QueryAsync("""
            SELECT document_id::text, user_id, sha256, size_bytes, storage_path, parsed_path, parsed_sha256
            FROM upload_pipeline.documents WHERE document_id = @id::uuid
            """, r => new StoredDocument(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)),
            ("id", documentId))).SingleOrDefault();

    public async Task<IReadOnlyList<StoredChunk>> FinalChunksAsync(string documentId) =>
        await QueryAsync("""
            SELECT chunk_ordinal, content, token_count, embedding::real[] FROM upload_pipeline.document_chunks
            WHERE document_id = @id::uuid ORDER BY chunk_ordinal
            """, r => new StoredChunk(r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetFieldValue<float[]>(3)),
            ("id", documentId));

    public async Task<DocumentRowCounts> RowCountsAsync(string documentId) =>
        (await QueryAsync("""
            SELECT
              (SELECT count(*)::int FROM upload_pipeline.documents WHERE document_id = @id::uuid),
              (SELECT count(*)::int FROM upload_pipeline.upload_jobs WHERE document_id = @id::uuid),
              (SELECT count(*)::int FROM upload_pipeline.events WHERE document_id = @id::uuid),
              (SELECT count(*)::int FROM upload_pipeline.document_chunk_buffer WHERE document_id = @id::uuid),
              (SELECT count(*)::int FROM upload_pipeline.document_vector_buffer WHERE document_id = @id::uuid),
              (SELECT count(*)::int FROM upload_pipeline.document_chunks WHERE document_id = @id::uuid),
              (SELECT count(DISTINCT chunk_ordinal)::int FROM upload_pipeline.document_chunks WHERE document_id = @id::uuid)
            """, r => new DocumentRowCounts(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6)),
            ("id", documentId))).Single();

    /// <summary>Everything stored for a user: documents, jobs and events (an upload that was refused must leave zero).</summary>
    public async Task<(int Documents, int Jobs, int Events)> RowsOfUserAsync(string userId) =>
        (await QueryAsync("""
            SELECT
              (SELECT count(*)::int FROM upload_pipeline.documents WHERE user_id = @user),
              (SELECT count(*)::int FROM upload_pipeline.upload_jobs WHERE user_id = @user),
              (SELECT count(*)::int FROM upload_pipeline.events e JOIN upload_pipeline.upload_jobs j ON j.job_id = e.job_id WHERE j.user_id = @user)
            """, r => (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2)), ("user", userId))).Single();

    /// <summary>Documents of a user that share the given file hash (deduplication keeps this at one).</summary>
    public async Task<int> DocumentsWithHashAsync(string userId, string sha256) =>
        (await QueryAsync("SELECT count(*)::int FROM upload_pipeline.documents WHERE user_id = @user AND sha256 = @sha",
            r => r.GetInt32(0), ("user", userId), ("sha", sha256))).Single();

    /// <summary>The job's row as the queue sees it: where it is, who holds it, how often it was tried.</summary>
    public async Task<JobRow> JobAsync(string jobId) =>
        (await QueryAsync("""
            SELECT stage, state, attempt_count, retry_count, claimed_by, last_error_code, last_error_message
            FROM upload_pipeline.upload_jobs WHERE job_id = @id::uuid
            """, r => new JobRow(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)),
            ("id", jobId))).Single();

    /// <summary>The job's scheduled retries, oldest first, with the failure number and the wait chosen.</summary>
    public async Task<IReadOnlyList<RetryRecord>> RetriesAsync(string jobId) =>
        await QueryAsync("""
            SELECT (detail->>'failure')::int, (detail->>'delayMs')::float8, detail->>'code', created_at
            FROM upload_pipeline.events WHERE job_id = @id::uuid AND event_type = 'retry_scheduled' ORDER BY event_id
            """, r => new RetryRecord(r.GetInt32(0), r.IsDBNull(1) ? 0 : r.GetDouble(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3)),
            ("id", jobId));

    /// <summary>A job's events of one type, each with the worker that wrote it and when.</summary>
    public async Task<IReadOnlyList<WorkerEvent>> WorkerEventsAsync(string jobId, string eventType) =>
        await QueryAsync("""
            SELECT worker_id, created_at FROM upload_pipeline.events
            WHERE job_id = @id::uuid AND event_type = @type ORDER BY event_id
            """, r => new WorkerEvent(r.IsDBNull(0) ? null : r.GetString(0), r.GetFieldValue<DateTimeOffset>(1)), ("id", jobId), ("type", eventType));

    public async Task<int> EventCountAsync(string jobId, string eventType) =>
        (await QueryAsync("SELECT count(*)::int FROM upload_pipeline.events WHERE job_id = @id::uuid AND event_type = @type",
            r => r.GetInt32(0), ("id", jobId), ("type", eventType))).Single();

    /// <summary>When the first event of one of these kinds happened for any of the jobs after a moment, if it did.</summary>
    public async Task<DateTimeOffset?> FirstEventAfterAsync(IEnumerable<string> jobIds, IEnumerable<string> eventTypes, DateTimeOffset after) =>
        (await QueryAsync("""
            SELECT min(created_at) FROM upload_pipeline.events
            WHERE job_id = ANY(@jobs::uuid[]) AND event_type = ANY(@types) AND created_at >= @after
            """, r => r.IsDBNull(0) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(0),
            ("jobs", jobIds.ToArray()), ("types", eventTypes.ToArray()), ("after", after))).Single();

    /// <summary>When the last of the jobs reached embedded, if all did.</summary>
    public async Task<DateTimeOffset?> LastEmbeddedAtAsync(IEnumerable<string> jobIds) =>
        (await QueryAsync("""
            SELECT CASE WHEN count(DISTINCT job_id) = @count THEN max(created_at) END FROM upload_pipeline.events
            WHERE job_id = ANY(@jobs::uuid[]) AND event_type = 'stage_transition' AND stage = 'embedded'
            """, r => r.IsDBNull(0) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(0),
            ("jobs", jobIds.Distinct().ToArray()), ("count", (long)jobIds.Distinct().Count()))).Single();

    /// <summary>Every document of a user with its stored file's path and how many jobs it has (a whole document has one).</summary>
    public async Task<IReadOnlyList<(string DocumentId, string StoragePath, string Sha256, int Jobs)>> DocumentsOfUserAsync(string userId) =>
        await QueryAsync("""
            SELECT d.document_id::text, d.storage_path, d.sha256,
                   (SELECT count(*)::int FROM upload_pipeline.upload_jobs j WHERE j.document_id = d.document_id)
            FROM upload_pipeline.documents d WHERE d.user_id = @user ORDER BY d.created_at
            """, r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3)), ("user", userId));

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, params (string Name, object Value)[] parameters)
    {
        try
        {
            return await RunQueryAsync(sql, map, parameters);
        }
        catch (NpgsqlException e) when (e.IsTransient)
        {
            // After a database restart (which some scenarios cause on purpose) pooled connections
            // are dead; drop them and ask once more on a fresh one.
            _db.Clear();
            return await RunQueryAsync(sql, map, parameters);
        }
    }

    private Task<IReadOnlyList<T>> RunQueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, (string Name, object Value)[] parameters) =>
        SqlRows.ReadAsync(_db, sql, map, parameters);

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
