namespace MockLlamaParse.Parsing;

public static class JobStatus
{
    public const string Pending = "PENDING";
    public const string Success = "SUCCESS";
    public const string Error = "ERROR";
    public const string PartialSuccess = "PARTIAL_SUCCESS";
    public const string Cancelled = "CANCELLED";
}

/// <summary>How a job ended: its status and either the parsed document or the failure.</summary>
public sealed record JobOutcome(string Status, ParsedDocument? Document, ParseFailure? Failure, int CreditsPerPage)
{
    public object Metadata
    {
        get
        {
            var pages = Document?.PageCount ?? 0;
            return new
            {
                credits_used = pages * CreditsPerPage,
                job_credits_usage = pages * CreditsPerPage,
                job_pages = pages,
                job_auto_mode_triggered_pages = 0,
                job_is_cache_hit = false,
            };
        }
    }
}

/// <summary>An uploaded file being parsed. <see cref="Outcome"/> is null while the job is PENDING.</summary>
public sealed class ParseJob(string id, string fileName, byte[] content, string? webhookUrl, ParseFailure? injectedFailure)
{
    private volatile JobOutcome? _outcome;

    public string Id { get; } = id;
    public string FileName { get; } = fileName;
    public byte[] Content { get; private set; } = content;

    /// <summary>Lets the uploaded bytes go once they are parsed.</summary>
    public void DiscardContent() => Content = [];
    public string? WebhookUrl { get; } = webhookUrl;

    /// <summary>Set when a job-error fault chose this job at upload.</summary>
    public ParseFailure? InjectedFailure { get; } = injectedFailure;

    public JobOutcome? Outcome
    {
        get => _outcome;
        set => _outcome = value;
    }

    public string Status => _outcome?.Status ?? JobStatus.Pending;
}
