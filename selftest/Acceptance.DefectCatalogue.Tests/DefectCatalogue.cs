using Pipeline.Core.Defects;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// The reference pipeline's test-only defects (declared once each in <see cref="PipelineDefects"/>, switched on
/// with PIPELINE_DEFECTS in the Testing environment) and the scenarios that must catch each. Every declared
/// defect is here exactly once (DefectCatalogueDocumentationTests); the selftest's cases and docs/defect-catalogue.md
/// (DefectCatalogueDocumentationTests keeps the page equal to it) come from this list.
/// </summary>
public static class DefectCatalogue
{
    private const string ApiServer = "api-server";
    private const string BaseWorker = "base-worker";
    private const string BackupScript = "scripts/backup.sh";

    /// <summary>The defects the gate's own run catches, which the selftest runs and the mutation score counts.</summary>
    public static IReadOnlyList<Defect> CaughtByTheGate => All.Where(d => !d.SoakOnly).ToList();

    public static IReadOnlyList<Defect> All { get; } =
    [
        new(PipelineDefects.SkipDeduplication, ApiServer, DefectClass.DocumentIdentity,
            "the same bytes from the same user make a new document and job every time (202, never deduplicated:true; the duplicate's stored sha256 carries its document id as a suffix, since the schema's unique key would refuse it)",
            "Uploading the same policy twice returns the first document"),
        new(PipelineDefects.AcceptEncryptedDocuments, ApiServer, DefectClass.BadInput,
            "password-protected PDFs are accepted at upload (202, page count unknown) instead of refused with encrypted-document",
            "a password-protected PDF is refused"),
        new(PipelineDefects.NoOwnerCheck, ApiServer, DefectClass.AccessControl,
            "any authenticated user can read any document and job (200 instead of 404)",
            "Ravi cannot read Dana's policy"),
        new(PipelineDefects.ForgetCorrelationId, BaseWorker, DefectClass.Operations,
            "the worker's events and log lines about a job carry a fresh correlation id per claim instead of the job's",
            "One correlation id follows the document from upload to vectors"),
        new(PipelineDefects.SkipParseValidation, BaseWorker, DefectClass.DataOnTheWay,
            "empty parser output passes validation, so a document with no text goes on to be chunked and embedded",
            "A faxed form without any text is set aside at validation"),
        new(PipelineDefects.DropLastChunk, BaseWorker, DefectClass.DataOnTheWay,
            "the final move to document_chunks leaves out the document's last chunk",
            "A multi-page claims handbook arrives intact"),
        new(PipelineDefects.StallInChunking, BaseWorker, DefectClass.SpeedAndResources,
            "the chunking stage takes 40 seconds longer (a cancellable wait), past any 30 s per-stage budget",
            "Five documents uploaded three at a time are all embedded"),
        new(PipelineDefects.IgnoreRetryAfter, BaseWorker, DefectClass.RetriesAndRateLimits,
            "a provider's Retry-After is ignored: the retry is scheduled by backoff alone",
            "A burst of rate limiting is waited out exactly as OpenAI asks"),
        new(PipelineDefects.RetryNonRetryable, BaseWorker, DefectClass.RetriesAndRateLimits,
            "non-retryable errors (400, 401, insufficient_quota, an invalid document) are retried",
            "An account without quota is set aside at once, without a retry storm"),
        // The frozen worker's scenario gives up after 30 s without a takeover; the killed worker's waits 60 s after an undisturbed reference run.
        new(PipelineDefects.NoLeaseReclaim, BaseWorker, DefectClass.QueueAndLeases,
            "jobs whose lease expired (a crashed worker) are never claimed again",
            "A worker frozen past its lease cannot overwrite the work of the one that took over"),
        new(PipelineDefects.NoFencing, BaseWorker, DefectClass.QueueAndLeases,
            "stage commits ignore the lease token, so a worker that lost its lease still writes its stale stage",
            "A worker frozen past its lease cannot overwrite the work of the one that took over"),
        new(PipelineDefects.DuplicateChunkInsert, BaseWorker, DefectClass.DataOnTheWay,
            "every run of chunking writes a new set of chunks, so re-running it after a crash stores a second set",
            "A worker killed while chunking is replaced without changing the result"),
        new(PipelineDefects.NoDbReconnect, BaseWorker, DefectClass.RetriesAndRateLimits,
            "the worker exits on its first database error instead of backing off and reconnecting",
            "Documents in flight are finished after the database returns"),
        new(PipelineDefects.IgnoreBudget, BaseWorker, DefectClass.Money,
            "the run's provider budget is lifted, so a paid call that would cross it is made anyway",
            "A run whose OpenAI budget cannot pay for the next call stops before making it"),
        new(PipelineDefects.LogProviderKeys, BaseWorker, DefectClass.SecretsInLogs,
            "a start-up service logs the worker's OpenAI and LlamaParse keys",
            "The providers' keys appear in no log, evidence file or process listing"),
        new(PipelineDefects.DataErrorsAsOutages, BaseWorker, DefectClass.RetriesAndRateLimits,
            "parsed text is stored without cleaning and database errors are classified by library, not SQLSTATE: a NUL in a document is retried as database-unavailable until the job is set aside",
            "A claim letter whose text carries NUL and control characters is embedded"),
        new(PipelineDefects.MalformedMultipart500, ApiServer, DefectClass.BadInput,
            "a multipart body the reader cannot parse answers 500 internal-error instead of 400 malformed-request",
            "A sweep of generated hostile requests gets no server error and leaves nothing half-stored"),
        new(PipelineDefects.NoRestartOnReupload, ApiServer, DefectClass.DocumentIdentity,
            "the bytes of a set-aside document uploaded again return the dead document (200) instead of restarting it",
            "Uploading a set-aside document again restarts it"),
        new(PipelineDefects.LogDocumentText, BaseWorker, DefectClass.SecretsInLogs,
            "workers log the start of every document's parsed text",
            "The logs keep no secret and no document's text, and every error line names its code"),
        new(PipelineDefects.SilentProviderMetrics, BaseWorker, DefectClass.Operations,
            "provider answers are not counted in pipeline_provider_requests_total, so a provider outage raises no alert",
            "A parser outage alerts the operators"),
        new(PipelineDefects.BackupSkipsFiles, BackupScript, DefectClass.Operations,
            "backups hold the database but not the stored document files (honoured under Testing)",
            "A mistaken deletion is undone by restoring to the moment before it"),
        new(PipelineDefects.ClaimWithoutRowLock, BaseWorker, DefectClass.QueueAndLeases,
            "the claim picks its candidate without FOR UPDATE SKIP LOCKED, so racing workers can take the same job (each second claim counts an attempt)",
            "Eight claimers racing for one backlog each take a different document, without deadlocks"),
        new(PipelineDefects.UnthrottledOpenAi, BaseWorker, DefectClass.RetriesAndRateLimits,
            "workers call OpenAI with no concurrency cap and no pause for its rate-limit answers",
            "A batch embedded under a tight OpenAI rate limit meets no storm of refusals"),
        new(PipelineDefects.SerialiseEmbeddings, BaseWorker, DefectClass.SpeedAndResources,
            "every embeddings request waits for one database-wide lock, so only one worker embeds at a time",
            "Four workers finish nearly four times as many documents a minute as one"),
        new(PipelineDefects.KeepProcessedDocuments, BaseWorker, DefectClass.SpeedAndResources,
            "workers keep every provider exchange (document bytes, parsed text, chunks, vectors) for good, each in a buffer of at least 2 MiB: a memory leak",
            "Services keep memory, files and connections bounded while documents keep arriving"),
        new(PipelineDefects.KeepParsedText, BaseWorker, DefectClass.SpeedAndResources,
            "workers keep every document's parsed text and chunks in a cache that is never emptied: a leak of kilobytes per document, too slow for the gate's 20 s",
            "Services keep memory, files and connections bounded while documents keep arriving") { SoakOnly = true },
        new(PipelineDefects.LeaseLapsesInLongWork, BaseWorker, DefectClass.QueueAndLeases,
            "lease renewals leave the expiry where the claim set it, so long work lapses and a second worker starts the same stage",
            "Work that outlasts a lease stays with the worker doing it"),
        new(PipelineDefects.IdentityByFileName, ApiServer, DefectClass.DocumentIdentity,
            "an upload is taken for this user's earlier document with the same file name, whatever its bytes",
            "A revised policy under the same name is a new document"),
        new(PipelineDefects.MisplacedVectors, BaseWorker, DefectClass.DataOnTheWay,
            "each embeddings answer's vectors are stored rotated by one, against their neighbours' chunks (a test-only transport)",
            "A multi-page claims handbook arrives intact"),
        new(PipelineDefects.ChunksLoseAWord, BaseWorker, DefectClass.DataOnTheWay,
            "each long chunk loses the word at its middle, while chunk counts, sizes, token counts and vectors stay plausible (a test-only chunker decorator)",
            "A multi-page claims handbook arrives intact"),
        new(PipelineDefects.AcceptUnprovenParserNotices, ApiServer, DefectClass.AccessControl,
            "a parser completion notice is taken as genuine whatever token its URL carries (a test-only notice check)",
            "A completion notice that does not come from the parser is refused and changes nothing"),
        new(PipelineDefects.UploadsCountedAsDuplicates, ApiServer, DefectClass.Operations,
            "new documents' uploads are counted as deduplicated, so the operators' count of new documents stays flat (a test-only upload counter)",
            "Every new document's upload is counted for the operators"),
        new(PipelineDefects.ChunkWindowIsModelLimit, BaseWorker, DefectClass.DataOnTheWay,
            "the chunker's window is the embeddings model's input limit (8,191 tokens) instead of the configured chunk size, so a several-page document is one oversized chunk (a test-only chunker)",
            "A multi-page claims handbook arrives intact"),
        new(PipelineDefects.TruncateParsedText, BaseWorker, DefectClass.DataOnTheWay,
            "only the first half of the parser's text is stored, so chunks and vectors agree with the stored parse but hold half the document (a test-only stage rule)",
            "A multi-page claims handbook arrives intact"),
        new(PipelineDefects.IgnoreSigtermForJobInHand, BaseWorker, DefectClass.QueueAndLeases,
            "the job in hand never hears of a stop or the shutdown deadline: it is neither released nor cut off, so a stage outlasting the host's shutdown timeout dies with the process and its lease runs out (a test-only job processor)",
            "A worker asked to stop hands over its document in time"),
    ];
}

/// <summary>
/// A defect: its PIPELINE_DEFECTS name, the service that honours it, the kind of promise it breaks, what
/// breaks, and the scenarios (by name) that must fail when it is on. CaughtBy names the cheapest scenario that
/// reliably catches the defect, not every scenario that would.
/// </summary>
public sealed record Defect(string Name, string Service, DefectClass Class, string Breaks, params string[] CaughtBy)
{
    /// <summary>
    /// Caught only by a nightly soak (<see cref="SoakCommand"/>), not by the gate's short run: the selftest
    /// does not run it (it would need the soak's minutes) and the mutation score leaves it out.
    /// </summary>
    public bool SoakOnly { get; init; }

    /// <summary>The soak that catches a <see cref="SoakOnly"/> defect.</summary>
    public const string SoakCommand = "scripts/gate.sh --soak 30m --tags criterion:4.3-resources";

    public override string ToString() => Name;
}

/// <summary>The kinds of promise the catalogue's defects break, in the order docs/defect-catalogue.md lists them.</summary>
public enum DefectClass
{
    DocumentIdentity,
    AccessControl,
    BadInput,
    DataOnTheWay,
    QueueAndLeases,
    RetriesAndRateLimits,
    SpeedAndResources,
    Money,
    SecretsInLogs,
    Operations,
}
