using Acceptance.Support.Drivers;
using Acceptance.Support.Integrity;
using FluentAssertions;
using Pipeline.Contract;
using Pipeline.TestKit;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// The chunk-size and chunk-word Thens' checks (Support/Integrity) on fabricated chunks and no pipeline: each passes on
/// chunks cut as the contract's limits cut them and fails on the defect it exists to catch.
/// </summary>
public sealed class ChunkLimitAndWordCheckTests
{
    private const int MaxTokens = 512;
    private const int OverlapTokens = 64;

    /// <summary>A parsed document of about 2,500 cl100k tokens: five full windows.</summary>
    private static readonly string Document = string.Join(' ', Enumerable.Range(1, 500).Select(i => $"Clause {i} applies."));

    /// <summary>The document cut into windows of <paramref name="window"/> tokens, each starting the overlap before the last one ended.</summary>
    private static IReadOnlyList<StoredChunk> Cut(string text, int window, int overlap = OverlapTokens)
    {
        var ids = Cl100k.Tokenizer.EncodeToIds(text);
        var chunks = new List<StoredChunk>();
        for (var start = 0; ; start += window - overlap)
        {
            var slice = ids.Skip(start).Take(window).ToList();
            chunks.Add(new StoredChunk(chunks.Count, Cl100k.Tokenizer.Decode(slice), slice.Count, []));
            if (start + window >= ids.Count) return chunks;
        }
    }

    private static void HoldEveryWord(string parserText, IReadOnlyList<StoredChunk> chunks) =>
        ChunkWordChecks.ChunksHoldEveryWord(ChunkWordChecks.Cover(parserText, chunks), "the parser returned");

    /// <summary>A generated test document, whose wording is every word it was written with.</summary>
    private static readonly TestDocument Handbook = TestDocuments.Get(TestDocuments.ClaimsHandbook);

    private static void HoldTheHandbooksWords(IReadOnlyList<StoredChunk> chunks) =>
        ChunkWordChecks.ChunksHoldEveryWord(ChunkWordChecks.Cover(Handbook.Wording, chunks), "the handbook was written with");

    private static void KeepToTheLimits(IReadOnlyList<StoredChunk> chunks) =>
        ChunkSizeChecks.KeepToTheLimits(ChunkSizeChecks.Measure(Document, chunks, MaxTokens, OverlapTokens));

    private static readonly Dictionary<string, (Action Truth, Action Falsehood)> Cases = new()
    {
        ["chunks keep to the configured size (one window as large as the model's input)"] = (
            () => KeepToTheLimits(Cut(Document, MaxTokens)),
            () => KeepToTheLimits(Cut(Document, 8191))),
        ["chunks keep to the configured size (windows a little too large)"] = (
            () => KeepToTheLimits(Cut(Document, MaxTokens)),
            () => KeepToTheLimits(Cut(Document, MaxTokens + 40))),
        ["chunks are as many as the document's length needs (windows far below the size)"] = (
            () => KeepToTheLimits(Cut(Document, MaxTokens)),
            () => KeepToTheLimits(Cut(Document, 160))),
        ["chunks are as many as the document's length needs (half the document chunked)"] = (
            () => KeepToTheLimits(Cut(Document, MaxTokens)),
            () => KeepToTheLimits(Cut(Document[..(Document.Length / 2)], MaxTokens))),
        ["no chunks keep to no limits"] = (
            () => KeepToTheLimits(Cut(Document, MaxTokens)),
            () => KeepToTheLimits([])),
        ["the chunks hold every word the parser returned (the parse cut to its first half)"] = (
            () => HoldEveryWord(Document, Cut(Document, MaxTokens)),
            () => HoldEveryWord(Document, Cut(Document[..(Document.Length / 2)], MaxTokens))),
        ["the chunks hold every word the parser returned (one word lost mid-document)"] = (
            () => HoldEveryWord(Document, Cut(Document, MaxTokens)),
            () => HoldEveryWord(Document,
                Cut(Document.Replace("Clause 250 applies.", "Clause 250.", StringComparison.Ordinal), MaxTokens))),
        ["the chunks hold every word the parser returned (two chunks exchanged)"] = (
            () => HoldEveryWord(Document, Cut(Document, MaxTokens)),
            () => HoldEveryWord(Document,
                Cut(Document, MaxTokens).Select(c => c.Ordinal switch { 1 => c with { Ordinal = 2 }, 2 => c with { Ordinal = 1 }, _ => c }).ToList())),
        ["the chunks hold every word the handbook was written with (its second half never chunked)"] = (
            () => HoldTheHandbooksWords(Cut(Handbook.Wording, MaxTokens)),
            () => HoldTheHandbooksWords(Cut(Handbook.Wording[..(Handbook.Wording.Length / 2)], MaxTokens))),
        ["the chunks hold every word the handbook was written with (words glued together)"] = (
            () => HoldTheHandbooksWords(Cut(Handbook.Wording, MaxTokens)),
            () => HoldTheHandbooksWords(Cut(Handbook.Wording.Replace("the policyholder", "thepolicyholder", StringComparison.Ordinal), MaxTokens))),
        ["a parser answer without words is no proof"] = (
            () => HoldEveryWord(Document, Cut(Document, MaxTokens)),
            () => HoldEveryWord("  \n", Cut(Document, MaxTokens))),
    };

    public static TheoryData<string> Checks => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Checks))]
    public void Each_check_passes_on_the_truth_and_fails_on_what_it_checks_being_false(string check)
    {
        var (truth, falsehood) = Cases[check];

        truth.Should().NotThrow("chunks cut within the contract's limits from the whole parse must pass");
        falsehood.Should().Throw<Exception>("the check must fail when what it checks is false");
    }

    [Fact]
    public void The_evidence_gives_the_smallest_median_and_largest_chunk_and_the_expected_count()
    {
        var sizes = ChunkSizeChecks.Measure(Document, Cut(Document, MaxTokens), MaxTokens, OverlapTokens);

        sizes.Sizes.Max().Should().BeLessThanOrEqualTo(MaxTokens);
        sizes.FewestChunks.Should().Be(sizes.Sizes.Count, "windows cut at the limit are the fewest the document needs");
        sizes.AsEvidence().Should().BeEquivalentTo(new { chunks = sizes.Sizes.Count, chunkTokens = new { max = sizes.Sizes.Max(), min = sizes.Sizes.Min() } },
            o => o.ExcludingMissingMembers());
    }
}
