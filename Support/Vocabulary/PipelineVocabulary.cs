namespace Acceptance.Support.Vocabulary;

// The pipeline's own names (stages, job states, event types, error keys, metric names) come from the
// contract's shared vocabulary, Pipeline.Contract (docs/contract.md); only the suite's groupings of them live here.

/// <summary>Stages the scenarios treat as one stretch of a document's way.</summary>
public static class StageGroups
{
    /// <summary>The stages after parsing in which one worker carries a document to its vectors.</summary>
    public static readonly IReadOnlyList<string> FromChunkingToVectors =
        [Stages.Chunking, Stages.ChunksBuffered, Stages.Embedding, Stages.EmbeddingsBuffered];
}

/// <summary>The stable error keys the scenarios name in C#, beyond those quoted in Gherkin; each is a key of the contract's <see cref="ErrorCatalogue"/>.</summary>
public static class Reasons
{
    public const string DatabaseUnavailable = "database-unavailable";
    public const string ParserUnavailable = "parser-unavailable";
    public const string OpenAiInsufficientQuota = "openai-insufficient-quota";
}
