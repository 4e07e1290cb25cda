using Acceptance.Support.Environment;

namespace Acceptance.Support.Drivers;

/// <summary>
/// A document's parsed text as the pipeline stored it (the file its row names), and its final chunks.
/// Only the local target's storage is on this machine; elsewhere <see cref="UnreachableBecause"/> says why not.
/// </summary>
public sealed class StoredTextDriver(PipelineDatabaseDriver database, IPipelineEnvironment environment)
{
    public string? UnreachableBecause => environment.Target == "local"
        ? null
        : $"the parsed text is in the {environment.Target} target's storage, which the suite cannot read";

    /// <summary>The parsed text the chunks were cut from, and the chunks in order.</summary>
    public async Task<(string ParsedText, IReadOnlyList<StoredChunk> Chunks)> ParsedTextAndChunksAsync(string documentId)
    {
        var stored = await database.DocumentAsync(documentId)
                     ?? throw new InvalidOperationException($"Document {documentId} is not in the database.");
        if (stored.ParsedPath is null || !File.Exists(stored.ParsedPath))
            throw new InvalidOperationException($"Document {documentId} records no parsed text that exists ({stored.ParsedPath ?? "no path"}).");
        return (await File.ReadAllTextAsync(stored.ParsedPath), await database.FinalChunksAsync(documentId));
    }
}
