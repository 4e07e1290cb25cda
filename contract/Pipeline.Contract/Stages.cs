namespace Pipeline.Contract;

/// <summary>The nine stages a job passes through, in order (docs/contract.md, "Stages and states").</summary>
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

    private static readonly string[] Order =
    [
        JobValidated, Parsing, Parsed, ParseValidated, Chunking, ChunksBuffered, Embedding,
        EmbeddingsBuffered, Embedded,
    ];

    /// <summary>The nine stages in the order a document passes them.</summary>
    public static IReadOnlyList<string> InOrder => Order;

    /// <summary>The stage's position (0..8), or -1 for an unknown name.</summary>
    public static int IndexOf(string stage) => Array.IndexOf(Order, stage);
}

/// <summary>The five states of a job.</summary>
public static class JobStates
{
    public const string Queued = "queued";
    public const string Working = "working";
    public const string Retryable = "retryable";
    public const string Done = "done";
    public const string Deadletter = "deadletter";

    public static IReadOnlyList<string> All { get; } = [Queued, Working, Retryable, Done, Deadletter];
}
