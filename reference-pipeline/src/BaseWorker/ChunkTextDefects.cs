using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Core.Chunking;
using Pipeline.Core.Defects;
using Pipeline.Core.Options;

namespace BaseWorker;

/// <summary>
/// Test-only defects in the text the chunker hands on, chosen at registration so the chunking stage
/// never checks for them.
/// <list type="bullet">
/// <item>chunks-lose-a-word: each chunk of more than a few words loses the word at its middle, as an
/// off-by-one where a window is stitched back together would. Chunk count, order, token counts,
/// offsets and sizes stay as they were; every vector is still the embedding of its (altered) chunk.</item>
/// <item>chunk-window-is-model-limit: the chunker is built with the embeddings model's input limit as its window
/// (as if the limit that bounds an embeddings request were the one that bounds a chunk), so a document of a few
/// thousand tokens is one chunk; each still embeds, with the configured overlap.</item>
/// <item>keep-parsed-text: the chunker remembers each document's parsed text and chunks, so a stage run
/// again on the same text is not chunked twice, and never forgets any: kilobytes per document, for the
/// life of the process. Too slow a leak for a short run to see; a soak must.</item>
/// </list>
/// </summary>
public static class ChunkTextDefects
{
    public static IChunker Chunker(IServiceProvider services)
    {
        var defects = services.GetRequiredService<PipelineDefects>();
        IChunker chunker = defects.IsOn(PipelineDefects.ChunkWindowIsModelLimit)
            ? new TextChunker(TextChunker.MaxInputTokens, services.GetRequiredService<IOptions<ChunkingOptions>>().Value.OverlapTokens)
            : services.GetRequiredService<TextChunker>();
        if (defects.IsOn(PipelineDefects.ChunksLoseAWord))
            chunker = new LosesTheMiddleWord(chunker);
        if (defects.IsOn(PipelineDefects.KeepParsedText))
            chunker = new RemembersEveryText(chunker);
        return chunker;
    }

    private sealed class LosesTheMiddleWord(IChunker inner) : IChunker
    {
        /// <summary>Short chunks (a heading, a last line) are left alone: the loss hides in long ones.</summary>
        private const int MinimumWords = 12;

        public string Version => inner.Version;

        public IEnumerable<TextChunk> Chunk(Guid documentId, TextReader text) =>
            inner.Chunk(documentId, text).Select(LoseMiddleWord);

        private static TextChunk LoseMiddleWord(TextChunk chunk)
        {
            var words = chunk.Content.Split(' ');
            if (words.Length < MinimumWords) return chunk;
            var content = string.Join(' ', words.Where((_, i) => i != words.Length / 2));
            return chunk with { Content = content, ContentSha256 = ChunkIds.Sha256Hex(content) };
        }
    }

    private sealed class RemembersEveryText(IChunker inner) : IChunker
    {
        /// <summary>Keyed by document, never evicted: that is the leak.</summary>
        private static readonly ConcurrentDictionary<Guid, (string Text, IReadOnlyList<TextChunk> Chunks)> Remembered = new();

        public string Version => inner.Version;

        public IEnumerable<TextChunk> Chunk(Guid documentId, TextReader reader)
        {
            var text = reader.ReadToEnd();
            if (Remembered.TryGetValue(documentId, out var known) && known.Text == text) return known.Chunks;
            var chunks = inner.Chunk(documentId, text);
            Remembered[documentId] = (text, chunks);
            return chunks;
        }
    }
}
