namespace Acceptance.Support.Vocabulary;

/// <summary>
/// The pipeline's stages as the API, the database and the audit trail name them (DESIGN.md), so steps
/// say <c>Stages.Embedded</c> and a renamed stage is one edit, not a hunt through string literals.
/// </summary>
public static class Stages
{
    public const string JobValidated = "job_validated";
    public const string Parsing = "parsing";
    public const string Parsed = "parsed";
    public const string ParseValidated = "parse_validated";
    public const string Chunking = "chunking";
    public const string ChunksBuffered = "chunks_buffered";
    public const string Embedding = "embedding";
    public const string EmbeddingsBuffered = "embeddings_buffered";
    public const string Embedded = "embedded";

    /// <summary>The nine stages in the order a document passes them.</summary>
    public static readonly IReadOnlyList<string> InOrder =
        [JobValidated, Parsing, Parsed, ParseValidated, Chunking, ChunksBuffered, Embedding, EmbeddingsBuffered, Embedded];

    /// <summary>The stages after parsing in which one worker carries a document to its vectors.</summary>
    public static readonly IReadOnlyList<string> FromChunkingToVectors = [Chunking, ChunksBuffered, Embedding, EmbeddingsBuffered];
}

/// <summary>A job's state within its stage.</summary>
public static class JobStates
{
    public const string Working = "working";
    public const string Done = "done";
    /// <summary>Set aside (dead-lettered): the pipeline stopped trying and says why.</summary>
    public const string SetAside = "deadletter";
}

/// <summary>The audit trail's event types the scenarios look for.</summary>
public static class AuditEvents
{
    public const string WebhookReceived = "webhook_received";
    public const string SetAside = "deadlettered";
    public const string Requeued = "requeued";
    public const string LeaseReclaimed = "lease_reclaimed";
}

/// <summary>The stable error keys (reasons) the scenarios name in C#, beyond those quoted in Gherkin.</summary>
public static class Reasons
{
    public const string DatabaseUnavailable = "database-unavailable";
    public const string ParserUnavailable = "parser-unavailable";
    public const string OpenAiInsufficientQuota = "openai-insufficient-quota";
}
