using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Pipeline.Core.Events;
using Pipeline.Core.Queue;
using Pipeline.Contract;

namespace Pipeline.Core.Providers;

/// <summary>How the api-server answered a parser webhook.</summary>
public enum WebhookVerdict
{
    /// <summary>The job waited for the parser and is due now.</summary>
    Woken,

    /// <summary>
    /// Genuine, but the job is not waiting: already past parsing (a repeat), or still being worked on
    /// (then noted, so that parking makes it due at once). Acknowledged.
    /// </summary>
    NotWaiting,

    /// <summary>No such job, no token recorded for it, or a token that does not match: refused.</summary>
    Refused,
}

/// <summary>The verdict, the job it woke, and for a refusal the reason (for the log; the caller learns nothing).</summary>
public sealed record WebhookWake(WebhookVerdict Verdict, WokenJob? Job = null, string? RefusalReason = null);

/// <summary>
/// LlamaParse posts only the parse result to <c>webhook_url</c>: no job id, no status, no signature
/// (docs, "Webhook", developers.llamaindex.ai/llamaparse/parse/v1/features/webhook). So each upload
/// gets its own URL, <c>{WebhookUrl}/{jobId}/{token}</c>, with a fresh unguessable token (256 random
/// bits): the job id correlates, the token authenticates. Only the token's SHA-256 is stored (in the
/// job's payload), compared in constant time; the token itself is never stored or logged. Polling
/// stays the safety net: a lost or refused webhook only delays the job until its next poll.
/// </summary>
public static class ParserWebhooks
{
    public const string TokenHashKey = "webhookTokenSha256";

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashHex(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The URL to give the parser for this job, or null when the pipeline runs on polling alone.</summary>
    public static string? UrlFor(string? webhookBaseUrl, Guid jobId, string token) =>
        string.IsNullOrWhiteSpace(webhookBaseUrl) ? null : $"{webhookBaseUrl.TrimEnd('/')}/{jobId:D}/{token}";

    /// <summary>Constant-time: the time taken says nothing about how much of the token was right.</summary>
    public static bool Matches(string presentedToken, string? storedHashHex)
    {
        if (string.IsNullOrEmpty(storedHashHex) || storedHashHex.Length != 2 * SHA256.HashSizeInBytes) return false;
        byte[] stored;
        try
        {
            stored = Convert.FromHexString(storedHashHex);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presentedToken)), stored);
    }

    /// <summary>
    /// Records the hash of the token about to be sent with the upload, before the upload, so a fast
    /// parser's webhook is never refused for a token not yet stored. Fenced like a stage commit.
    /// </summary>
    public static async Task RecordTokenAsync(NpgsqlDataSource db, ClaimedJob job, string tokenHashHex, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            UPDATE upload_pipeline.upload_jobs
            SET payload = payload || jsonb_build_object('webhookTokenSha256', @hash::text),
                -- A new upload: no completion has been seen for it yet.
                parser_finished_at = NULL, updated_at = now()
            WHERE job_id = @job_id AND lease_token = @token AND state = 'working'
            """);
        command.Parameters.AddWithValue("hash", tokenHashHex);
        command.Parameters.AddWithValue("job_id", job.JobId);
        command.Parameters.AddWithValue("token", job.LeaseToken);
        if (await command.ExecuteNonQueryAsync(ct) == 0) throw new LeaseLostException(job.JobId, job.LeaseToken);
    }

    /// <summary>
    /// Why a webhook for <paramref name="jobId"/> with <paramref name="presentedToken"/> is refused, or null
    /// when its token is the job's. Read before the body, so that nobody without a job's token makes the
    /// api-server read one; <see cref="WakeAsync"/> checks again under the job's row lock.
    /// </summary>
    public static async Task<string?> RefusalAsync(NpgsqlConnection connection, Guid jobId, string presentedToken,
        CancellationToken ct, IParserNoticeCheck? check = null)
    {
        await using var select = new NpgsqlCommand(
            "SELECT payload->>'webhookTokenSha256' FROM upload_pipeline.upload_jobs WHERE job_id = @job_id", connection);
        select.Parameters.AddWithValue("job_id", jobId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return UnknownJob;
        return Refusal(presentedToken, reader.IsDBNull(0) ? null : reader.GetString(0), check);
    }

    /// <summary>
    /// Authenticates a webhook for <paramref name="jobId"/> by <paramref name="presentedToken"/> (with
    /// <paramref name="check"/>, the token's hash by default) and, when the job waits for the parser,
    /// makes it due now with a <c>webhook_received</c> event.
    /// </summary>
    public static async Task<WebhookWake> WakeAsync(NpgsqlConnection connection, Guid jobId, string presentedToken, long bodyBytes,
        CancellationToken ct, IParserNoticeCheck? check = null)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var select = new NpgsqlCommand("""
            SELECT document_id, correlation_id, stage, state, payload->>'webhookTokenSha256', payload->>'parserJobId'
            FROM upload_pipeline.upload_jobs WHERE job_id = @job_id FOR UPDATE
            """, connection, transaction);
        select.Parameters.AddWithValue("job_id", jobId);
        WokenJob job;
        string stage, state;
        string? parserJobId;
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) return new WebhookWake(WebhookVerdict.Refused, RefusalReason: UnknownJob);
            if (Refusal(presentedToken, reader.IsDBNull(4) ? null : reader.GetString(4), check) is { } refusal)
                return new WebhookWake(WebhookVerdict.Refused, RefusalReason: refusal);
            job = new WokenJob(jobId, reader.GetGuid(0), reader.GetGuid(1));
            (stage, state) = (reader.GetString(2), reader.GetString(3));
            parserJobId = reader.IsDBNull(5) ? null : reader.GetString(5);
        }

        if (stage != Stages.Parsing || state is not (JobStates.Queued or JobStates.Retryable or JobStates.Working))
            return new WebhookWake(WebhookVerdict.NotWaiting, job);

        // Still being worked on (uploaded to the parser, not yet parked): noted on the job, so the
        // park makes it due at once instead of sleeping until its next poll.
        var stillWorking = state == JobStates.Working;
        await using var wake = new NpgsqlCommand(stillWorking
                ? "UPDATE upload_pipeline.upload_jobs SET parser_finished_at = now(), updated_at = now() WHERE job_id = @job_id"
                : "UPDATE upload_pipeline.upload_jobs SET next_attempt_at = now(), updated_at = now() WHERE job_id = @job_id",
            connection, transaction);
        wake.Parameters.AddWithValue("job_id", jobId);
        await wake.ExecuteNonQueryAsync(ct);
        await EventWriter.WriteAsync(connection, transaction, new PipelineEvent(job.JobId, job.DocumentId, job.CorrelationId,
            EventTypes.WebhookReceived, Stages.Parsing, state, Detail: new { parserJobId, bodyBytes }), ct);
        await transaction.CommitAsync(ct);
        return new WebhookWake(stillWorking ? WebhookVerdict.NotWaiting : WebhookVerdict.Woken, job);
    }

    private const string UnknownJob = "unknown-job";

    private static string? Refusal(string presentedToken, string? storedHash, IParserNoticeCheck? check) =>
        storedHash is null ? "no-token-issued"
        : (check ?? TokenHashNoticeCheck.Instance).IsGenuine(presentedToken, storedHash) ? null
        : "token-mismatch";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
