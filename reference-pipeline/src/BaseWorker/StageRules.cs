using Npgsql;
using Pipeline.Core.Chunking;
using Pipeline.Core.Errors;
using Pipeline.Core.Queue;

namespace BaseWorker;

/// <summary>Moves a document's buffered chunks and vectors to the final table; returns how many it holds.</summary>
public delegate Task<int> FinalChunkMove(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid documentId, string model,
    CancellationToken ct);

/// <summary>
/// The judgements the stages make about data, as values the stages are given: the correct ones in
/// production, replaced at composition time by test-only defects (<see cref="StageDefects"/>), so
/// the stages' own code paths never check for a defect (the pattern of <see cref="Pipeline.Core.Queue.QueueRules"/>).
/// </summary>
public sealed record StageRules
{
    public static StageRules Correct { get; } = new();

    /// <summary>Parsed text as it is stored: without the control characters and broken surrogates real documents carry, which PostgreSQL would refuse.</summary>
    public Func<string, string> StorableText { get; init; } = StoredText.Clean;

    /// <summary>Whether a parse holds text worth chunking and embedding (read from the stored markdown).</summary>
    public Func<TextReader, bool> HasText { get; init; } = ParsedText.HasText;

    /// <summary>The move of every buffered chunk, with its vector, to the final table, in the stage commit's transaction.</summary>
    public FinalChunkMove MoveToFinal { get; init; } = ChunkStore.MoveToFinalAsync;

    /// <summary>What an unexpected exception in a stage means: bad data is permanent, a lost connection transient (by cause).</summary>
    public Func<Exception, string, Guid, PipelineError> Classify { get; init; } = FailureClassifier.Classify;
}
