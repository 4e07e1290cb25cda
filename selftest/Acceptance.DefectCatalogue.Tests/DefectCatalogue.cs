namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// The reference pipeline's test-only defects (switched on with PIPELINE_DEFECTS in the Testing
/// environment) and the scenarios that must catch each: the one declaration of each defect.
/// docs/defect-catalogue.md renders it (DefectCatalogueDocumentationTests keeps the page equal to it).
/// </summary>
public static class DefectCatalogue
{
    private const string ApiServer = "api-server";
    private const string BaseWorker = "base-worker";
    private const string BackupScript = "scripts/backup.sh";

    public static IReadOnlyList<Defect> All { get; } =
    [
        new("skip-deduplication", ApiServer, DefectClass.DocumentIdentity,
            "the same bytes from the same user make a second document",
            "Uploading the same policy twice returns the first document"),
        new("accept-encrypted-documents", ApiServer, DefectClass.BadInput,
            "password-protected PDFs are accepted at upload",
            "a password-protected PDF is refused"),
        new("no-owner-check", ApiServer, DefectClass.AccessControl,
            "any user can read any document",
            "Ravi cannot read Dana's policy"),
        new("forget-correlation-id", BaseWorker, DefectClass.Operations,
            "workers audit and log with a new correlation id",
            "One correlation id follows the document from upload to vectors"),
        new("skip-parse-validation", BaseWorker, DefectClass.DataOnTheWay,
            "a document with no text goes on to be chunked and embedded",
            "A faxed form without any text is set aside at validation"),
        new("drop-last-chunk", BaseWorker, DefectClass.DataOnTheWay,
            "the final table misses the document's last chunk",
            "A multi-page claims handbook arrives intact"),
        new("stall-in-chunking", BaseWorker, DefectClass.SpeedAndResources,
            "chunking takes 40 seconds longer",
            "Five documents uploaded three at a time are all embedded"),
        new("ignore-retry-after", BaseWorker, DefectClass.RetriesAndRateLimits,
            "OpenAI's Retry-After is ignored",
            "A burst of rate limiting is waited out exactly as OpenAI asks"),
        new("retry-non-retryable", BaseWorker, DefectClass.RetriesAndRateLimits,
            "permanent provider refusals are retried",
            "An account without quota is set aside at once, without a retry storm"),
        // The frozen worker's scenario gives up after 30 s without a takeover; the killed worker's waits 60 s after an undisturbed reference run.
        new("no-lease-reclaim", BaseWorker, DefectClass.QueueAndLeases,
            "a dead worker's job is never taken over",
            "A worker frozen past its lease cannot overwrite the work of the one that took over"),
        new("no-fencing", BaseWorker, DefectClass.QueueAndLeases,
            "a worker that lost its lease still commits its stale stage",
            "A worker frozen past its lease cannot overwrite the work of the one that took over"),
        new("duplicate-chunk-insert", BaseWorker, DefectClass.DataOnTheWay,
            "re-running chunking after a crash stores a second set of chunks",
            "A worker killed while chunking is replaced without changing the result"),
        new("no-db-reconnect", BaseWorker, DefectClass.RetriesAndRateLimits,
            "workers stop on their first database error",
            "Documents in flight are finished after the database returns"),
        new("ignore-budget", BaseWorker, DefectClass.Money,
            "a paid call that would cross the run's budget is made anyway",
            "A run whose OpenAI budget cannot pay for the next call stops before making it"),
        new("log-provider-keys", BaseWorker, DefectClass.SecretsInLogs,
            "workers write their provider keys to their log",
            "The providers' keys appear in no log, evidence file or process listing"),
        new("data-errors-as-outages", BaseWorker, DefectClass.RetriesAndRateLimits,
            "control characters reach the database and its refusal is retried as an outage",
            "A claim letter whose text carries NUL and control characters is embedded"),
        new("malformed-multipart-500", ApiServer, DefectClass.BadInput,
            "a multipart body that cannot be read answers 500",
            "A sweep of generated hostile requests gets no server error and leaves nothing half-stored"),
        new("no-restart-on-reupload", ApiServer, DefectClass.DocumentIdentity,
            "uploading a set-aside document's bytes again returns the dead document",
            "Uploading a set-aside document again restarts it"),
        new("log-document-text", BaseWorker, DefectClass.SecretsInLogs,
            "workers log the start of every document's parsed text",
            "The logs keep no secret and no document's text, and every error line names its code"),
        new("silent-provider-metrics", BaseWorker, DefectClass.Operations,
            "workers stop counting provider answers in their metrics",
            "A parser outage alerts the operators"),
        new("backup-skips-files", BackupScript, DefectClass.Operations,
            "backups hold the database but not the stored document files",
            "A mistaken deletion is undone by restoring to the moment before it"),
        new("claim-without-row-lock", BaseWorker, DefectClass.QueueAndLeases,
            "racing workers can claim the same job (no FOR UPDATE SKIP LOCKED)",
            "Eight claimers racing for one backlog each take a different document, without deadlocks"),
        new("unthrottled-openai", BaseWorker, DefectClass.RetriesAndRateLimits,
            "workers call OpenAI with no concurrency cap and no pause for its rate-limit answers",
            "A batch embedded under a tight OpenAI rate limit meets no storm of refusals"),
        new("serialise-embeddings", BaseWorker, DefectClass.SpeedAndResources,
            "every embeddings request waits for one database-wide lock, so only one worker embeds at a time",
            "Four workers finish nearly four times as many documents a minute as one"),
        new("keep-processed-documents", BaseWorker, DefectClass.SpeedAndResources,
            "workers keep every document's bytes, text and vectors from the providers for good (a memory leak)",
            "Services keep memory, files and connections bounded while documents keep arriving"),
        new("lease-lapses-in-long-work", BaseWorker, DefectClass.QueueAndLeases,
            "lease renewals leave the expiry where the claim set it, so long work lapses and a second worker starts the same stage",
            "Work that outlasts a lease stays with the worker doing it"),
        new("identity-by-file-name", ApiServer, DefectClass.DocumentIdentity,
            "an upload is taken for this user's earlier document with the same file name, whatever its bytes",
            "A revised policy under the same name is a new document"),
        new("misplaced-vectors", BaseWorker, DefectClass.DataOnTheWay,
            "each batch's vectors are stored rotated by one, against their neighbours' chunks",
            "A multi-page claims handbook arrives intact"),
        new("chunks-lose-a-word", BaseWorker, DefectClass.DataOnTheWay,
            "each long chunk loses the word at its middle, while chunk counts, sizes and vectors stay plausible",
            "A multi-page claims handbook arrives intact"),
        new("accept-unproven-parser-notices", ApiServer, DefectClass.AccessControl,
            "a parser completion notice is taken as genuine whatever token its URL carries",
            "A completion notice that does not come from the parser is refused and changes nothing"),
        new("uploads-counted-as-duplicates", ApiServer, DefectClass.Operations,
            "new documents' uploads are counted as deduplicated, so the operators' count of new documents stays flat",
            "Every new document's upload is counted for the operators"),
    ];
}

/// <summary>
/// A defect: its PIPELINE_DEFECTS name, the service that honours it, the kind of promise it breaks, what
/// breaks, and the scenarios (by name) that must fail when it is on. CaughtBy names the cheapest scenario that
/// reliably catches the defect, not every scenario that would.
/// </summary>
public sealed record Defect(string Name, string Service, DefectClass Class, string Breaks, params string[] CaughtBy)
{
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
