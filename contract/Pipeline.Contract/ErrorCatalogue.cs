namespace Pipeline.Contract;

/// <summary>Where an error code is seen: in an API answer's <c>error</c>, or as a job's <c>lastError.code</c>.</summary>
[Flags]
public enum ErrorSurface
{
    Api = 1,
    Job = 2,
}

/// <summary>The outside service whose health a transient job error depends on; a set-aside job revives when it is healthy.</summary>
public static class ErrorDependencies
{
    public const string Parser = "parser";
    public const string OpenAi = "openai";
    public const string Database = "database";
    public const string Workers = "workers";

    /// <summary>
    /// The dependencies whose set-aside jobs go back to work by themselves: probed, and revived when a
    /// job proves them healthy. Not <see cref="Workers"/>: a defect or a poison document needs a fix
    /// first, so an operator requeues those jobs.
    /// </summary>
    public static IReadOnlyList<string> RevivedByThemselves { get; } = [Parser, OpenAi, Database];
}

/// <summary>
/// One error code: why it happens, whether trying again can help, what the user sees and what an
/// operator does about it. <see cref="HttpStatus"/> is the API answer's status (API codes only);
/// <see cref="Dependency"/> names what a retryable job error waits for.
/// </summary>
public sealed record ErrorEntry(
    string Code,
    ErrorSurface Surface,
    bool Retryable,
    string Cause,
    string UserSees,
    string OperatorDoes,
    int? HttpStatus = null,
    string? Dependency = null);

/// <summary>
/// Every error code the pipeline produces, in one place. A test keeps it equal to the codes the
/// source uses and to <c>docs/errors.md</c> (generated from it), so code, docs and clients cannot drift.
/// </summary>
public static class ErrorCatalogue
{
    private const string Resend = "Nothing was stored; correct the request and send it again.";
    private const string NoAction = "Nothing; the client must correct its request.";

    public static IReadOnlyList<ErrorEntry> Entries { get; } =
    [
        // ---- Upload and read API ------------------------------------------------------------------
        new("missing-file", ErrorSurface.Api, false,
            "The request is not multipart/form-data or has no part named 'file'.",
            Resend, NoAction, 400),
        new("empty-file", ErrorSurface.Api, false,
            "The 'file' part is empty.", Resend, NoAction, 400),
        new("unsupported-type", ErrorSurface.Api, false,
            "The bytes are not a PDF, whatever the file name or declared content type says.", Resend, NoAction, 415),
        new("encrypted-document", ErrorSurface.Api, false,
            "The PDF is password-protected.", "Remove the password and upload again; nothing was stored.", NoAction, 422),
        new("corrupt-document", ErrorSurface.Api, false,
            "The PDF cannot be opened: truncated, broken cross-reference table, no pages, unreadable structure.",
            "Export or scan the document again and upload it; nothing was stored.", NoAction, 422),
        new("file-too-large", ErrorSurface.Api, false,
            "The file or the whole request is larger than the upload limit (Upload__MaxBytes).",
            "Split or compress the document; nothing was stored.", "Raise Upload__MaxBytes only if such documents are expected.", 413),
        new("invalid-filename", ErrorSurface.Api, false,
            "The file name is missing, too long, has control or bidirectional-override characters, or path segments.",
            Resend, NoAction, 400),
        new("malformed-request", ErrorSurface.Api, false,
            "The request cannot be read: broken multipart boundary, truncated body, bad headers, malformed webhook body.",
            Resend, NoAction, 400),
        new("invalid-data", ErrorSurface.Api, false,
            "The database refused a value of the request (SQLSTATE class 22 or 23) that validation let through.",
            Resend, "Read the log line (it has the SQLSTATE) and add the missing validation; this is a gap in the API.", 422),
        new("unauthorized", ErrorSurface.Api, false,
            "No bearer token, or one that is expired, forged, for another audience or issuer, or without 'sub'.",
            "Sign in again and retry.", "Check the identity provider's signing key, issuer and audience if every caller gets it.", 401),
        new("forbidden", ErrorSurface.Api, false,
            "The caller is signed in but lacks the operator role the route needs.",
            "Ask an operator to do it.", "Grant the role claim only to operators.", 403),
        new("not-found", ErrorSurface.Api, false,
            "No document or job with that id exists for this caller (another user's looks the same).",
            "Check the id.", NoAction, 404),
        new("not-set-aside", ErrorSurface.Api, false,
            "An operator asked to requeue a job that is not set aside (it is queued, working or done).",
            "Nothing changed; the job is already being worked on or finished.", "Requeue only dead-lettered jobs.", 409),
        new("invalid-webhook-token", ErrorSurface.Api, false,
            "A parser webhook for an unknown job, or without the unguessable per-job token its URL was given.",
            "Not shown to users (parser to pipeline); the job still finishes by polling.",
            "Each refusal is logged with its reason; many of them from one address may be probing.", 401),
        new("body-too-large", ErrorSurface.Api, false,
            "A parser webhook body larger than Webhook__MaxBodyBytes.",
            "Not shown to users (parser to pipeline); the job still finishes by polling.",
            "Raise Webhook__MaxBodyBytes if real parse results of large documents exceed it.", 413),
        new("database-unavailable", ErrorSurface.Api | ErrorSurface.Job, true,
            "PostgreSQL cannot take work now: connection lost or refused, server shutting down, out of resources (SQLSTATE 08, 53, 57P0x).",
            "Upload: try again after Retry-After seconds, nothing was stored. Job: waits and continues by itself.",
            "Check PostgreSQL (is it up, connections, disk); jobs resume on their own when it answers.", 503, ErrorDependencies.Database),
        new("storage-unavailable", ErrorSurface.Api, true,
            "The api-server cannot write the uploaded file to the document storage: disk full, folder missing, unwritable or not a folder.",
            "Try again after Retry-After seconds; nothing was stored.",
            "Check the storage volume (Pipeline__StorageRoot): free space, mount, permissions; uploads succeed again as soon as it is writable.", 503),
        new("internal-error", ErrorSurface.Api | ErrorSurface.Job, true,
            "An unexpected failure in the pipeline's own code: a defect.",
            "Upload: try again later. Job: retried; set aside when the retry window ends.",
            "Read the error log line with this code and its correlation id; fix and deploy, then requeue set-aside jobs.", 500, ErrorDependencies.Workers),

        // ---- Jobs (lastError of a job; dead letters) -----------------------------------------------
        new("database-conflict", ErrorSurface.Job, true,
            "PostgreSQL aborted a transaction to resolve a serialization failure or deadlock (SQLSTATE 40001, 40P01).",
            "Nothing; the stage runs again.", "Only if frequent: look for lock contention.", Dependency: ErrorDependencies.Database),
        new("document-data-invalid", ErrorSurface.Job, false,
            "PostgreSQL refused the document's data (SQLSTATE class 22: invalid encoding, NUL, value too long or out of range).",
            "The document is set aside with the database's reason; uploading it again restarts it.",
            "The message names the document, stage, SQLSTATE and column: fix the cleaning or validation, then requeue."),
        new("document-data-conflict", ErrorSurface.Job, false,
            "The document's data breaks a database constraint (SQLSTATE class 23: unique, foreign key, check, not null).",
            "The document is set aside with the database's reason.",
            "The message names the document, stage and constraint; repair the data, then requeue."),
        new("lease-expired", ErrorSurface.Job, true,
            "The workers handling the job stopped renewing its lease too often (crashed or hung each time): a poison document.",
            "The document is set aside.", "Find the crash in the worker logs by the correlation id; fix, then requeue.",
            Dependency: ErrorDependencies.Workers),
        new("parser-unavailable", ErrorSurface.Job, true,
            "LlamaParse could not be reached or answered 5xx.",
            "The document waits and continues when the parser is back.", "Check LlamaParse status and the network; nothing to do per document.",
            Dependency: ErrorDependencies.Parser),
        new("parser-timeout", ErrorSurface.Job, true,
            "LlamaParse did not answer in time (or answered 408).",
            "The document waits and continues.", "Check LlamaParse latency.", Dependency: ErrorDependencies.Parser),
        new("parser-rate-limited", ErrorSurface.Job, true,
            "LlamaParse answered 429; its Retry-After is honoured.",
            "The document waits as long as the parser asks.", "Lower parse concurrency or raise the plan's limits.",
            Dependency: ErrorDependencies.Parser),
        new("parser-malformed-response", ErrorSurface.Job, true,
            "LlamaParse's answer could not be read (not JSON, missing fields).",
            "The document waits and is retried.", "Compare the answer with the API contract; report to LlamaParse if it persists.",
            Dependency: ErrorDependencies.Parser),
        new("parser-job-failed", ErrorSurface.Job, true,
            "LlamaParse reported its parse job as failed without blaming the document.",
            "The document is uploaded to the parser again later.", "If one document keeps failing, open it by hand; otherwise check LlamaParse status.",
            Dependency: ErrorDependencies.Parser),
        new("parser-rejected-document", ErrorSurface.Job, false,
            "LlamaParse cannot read this document (unsupported, encrypted, corrupt) or refused the request (4xx).",
            "The document is set aside at once with the parser's reason.", "Nothing unless many documents are refused."),
        new("parser-unauthorized", ErrorSurface.Job, false,
            "LlamaParse refused the API key (401/403).",
            "The document is set aside.", "Rotate or fix LLAMA_CLOUD_API_KEY (LlamaParse__ApiKey), then requeue."),
        new("parsed-content-empty", ErrorSurface.Job, false,
            "The parser found no text (a scan without OCR): nothing to chunk or embed.",
            "The document is set aside at validation.", "Nothing; ask the user for a text PDF or enable OCR."),
        new("openai-unavailable", ErrorSurface.Job, true,
            "OpenAI could not be reached or answered 408/5xx.",
            "The document waits and continues when OpenAI is back.", "Check OpenAI status; nothing to do per document.",
            Dependency: ErrorDependencies.OpenAi),
        new("openai-timeout", ErrorSurface.Job, true,
            "OpenAI did not answer in time.", "The document waits and continues.", "Check OpenAI latency.",
            Dependency: ErrorDependencies.OpenAi),
        new("openai-rate-limited", ErrorSurface.Job, true,
            "OpenAI answered 429 rate_limit_exceeded; its Retry-After (when sent) is honoured.",
            "The document waits as long as OpenAI asks.", "Lower worker concurrency or raise the account's tier.",
            Dependency: ErrorDependencies.OpenAi),
        new("openai-malformed-response", ErrorSurface.Job, true,
            "OpenAI's answer could not be read or had the wrong number of vectors.",
            "The document waits and is retried.", "Compare with the API contract; check proxies in between.",
            Dependency: ErrorDependencies.OpenAi),
        new("openai-insufficient-quota", ErrorSurface.Job, false,
            "OpenAI answered 429 insufficient_quota: the account has no credit.",
            "The document is set aside at once.", "Add credit to the OpenAI account, then requeue the set-aside documents."),
        new("openai-bad-request", ErrorSurface.Job, false,
            "OpenAI refused the request (400), e.g. an input over the model's token limit.",
            "The document is set aside.", "Check the chunker's token limits against the model."),
        new("openai-unauthorized", ErrorSurface.Job, false,
            "OpenAI refused the API key (401/403).",
            "The document is set aside.", "Rotate or fix OPENAI_API_KEY (OpenAI__ApiKey), then requeue."),
        new("budget-exceeded", ErrorSurface.Job, false,
            "The paid call the job needs would cross the run's budget for that provider (Budget__LlamaParseUsd, Budget__OpenAiUsd); it was never made.",
            "The document is set aside; nothing was spent on it beyond the budget.",
            "Read the spend ledger (upload_pipeline.provider_spend); raise the budget if the spend is expected, then requeue."),
        new("openai-request-failed", ErrorSurface.Job, false,
            "OpenAI answered another 4xx that no retry can change.",
            "The document is set aside.", "Read the message; fix the request or the account."),
    ];

    private static readonly Dictionary<string, ErrorEntry> ByCode = Entries.ToDictionary(e => e.Code, StringComparer.Ordinal);

    public static ErrorEntry? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>Whether a job set aside for <paramref name="code"/> goes back to work by itself when its dependency is healthy again.</summary>
    public static bool RevivesByItself(string code) =>
        Find(code) is { Retryable: true, Dependency: { } dependency } && ErrorDependencies.RevivedByThemselves.Contains(dependency);

    /// <summary>The retryable job codes whose jobs wait for <paramref name="dependency"/> to be healthy.</summary>
    public static IReadOnlyList<string> TransientCodesOf(string dependency) =>
        Entries.Where(e => e.Retryable && e.Dependency == dependency && e.Surface.HasFlag(ErrorSurface.Job)).Select(e => e.Code).ToList();
}
