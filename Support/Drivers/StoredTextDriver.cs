namespace Acceptance.Support.Drivers;

/// <summary>
/// A document's parsed text as the pipeline stored it (the file its row names), and its final chunks.
/// The parsed text is read through <see cref="StoredFileReader"/>; where it cannot read, <see cref="UnreachableBecause"/> says why not.
/// </summary>
public sealed class StoredTextDriver(PipelineDatabaseDriver database, StoredFileReader files)
{
    public string? UnreachableBecause => files.UnreadableBecause is { } why ? $"the parsed text cannot be read: {why}" : null;

    /// <summary>The parsed text the chunks were cut from, and the chunks in order.</summary>
    public async Task<(string ParsedText, IReadOnlyList<StoredChunk> Chunks)> ParsedTextAndChunksAsync(string documentId)
    {
        var stored = await database.DocumentAsync(documentId)
                     ?? throw new InvalidOperationException($"Document {documentId} is not in the database.");
        var parsed = await files.ParsedTextOfAsync(stored);
        if (!parsed.Exists)
            throw new InvalidOperationException($"Document {documentId} records no parsed text that exists ({parsed.Path}).");
        return (parsed.Content!, await database.FinalChunksAsync(documentId));
    }
}
