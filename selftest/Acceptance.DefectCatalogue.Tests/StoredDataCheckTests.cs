using Acceptance.Support.Drivers;
using Acceptance.Support.Integrity;
using FluentAssertions;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// The data-integrity Thens' checks (Support/Integrity/StoredDataChecks), on fabricated data and no
/// pipeline: each one passes on what a sound pipeline stores and fails when what it checks is false,
/// so none of them can pass vacuously.
/// </summary>
public sealed class StoredDataCheckTests
{
    private const string Model = "text-embedding-3-small";
    private const int Dimensions = 1536;
    private static readonly string[] Texts =
        ["The policy covers water damage.", "Claims are paid within 30 days.", "Fraud or any misrepresentation voids the whole policy at once."];
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static float[] EmbeddingOf(string text) => DeterministicEmbedding.Create(Model, text, Dimensions);

    private static IReadOnlyList<StoredChunk> Chunks(Func<int, float[]> vectorOf) =>
        Texts.Select((text, i) => new StoredChunk(i, text, 8, vectorOf(i))).ToList();

    /// <summary>The texts embedded again, as the service answers: the same vectors, or with noise in their last digits.</summary>
    private static IReadOnlyList<float[]> Fresh(float jitter = 0)
    {
        var noise = new Random(7);
        return Texts.Select(text => EmbeddingOf(text).Select(v => v + jitter * (float)(noise.NextDouble() * 2 - 1)).ToArray()).ToList();
    }

    private const string Parsed =
        "# Home policy\n\nSection 1. The policy covers water damage from burst pipes.\n\n" +
        "Section 2. Claims are paid within 30 days of the report.\n\nSection 3. Fraud voids the policy.\n";

    /// <summary>Chunks cut from <see cref="Parsed"/> as the chunker cuts them: each from its start to its end, neighbours overlapping.</summary>
    private static IReadOnlyList<StoredChunk> Cut(params (int From, int To)[] windows) =>
        windows.Select((w, i) => new StoredChunk(i, Parsed[w.From..w.To], 8, [])).ToList();

    /// <summary>Three overlapping windows over the whole of <see cref="Parsed"/>.</summary>
    private static IReadOnlyList<StoredChunk> SoundChunks => Cut((0, 70), (50, 120), (100, Parsed.Length));

    private static IReadOnlyList<StoredChunk> WithSecond(Func<string, string> alter) =>
        SoundChunks.Select(c => c.Ordinal == 1 ? c with { Content = alter(c.Content) } : c).ToList();

    /// <summary>Each check, once with the truth (must pass) and once with the falsehood it exists to catch (must fail).</summary>
    private static readonly Dictionary<string, (Action Truth, Action Falsehood)> Cases = new()
    {
        ["the stored file is the uploaded file"] = (
            () => StoredDataChecks.StoredFileIsTheUpload([1, 2, 3], [1, 2, 3]),
            () => StoredDataChecks.StoredFileIsTheUpload([1, 2, 3], [1, 2, 4])),
        ["the stored file is not an empty stand-in"] = (
            () => StoredDataChecks.StoredFileIsTheUpload([7], [7]),
            () => StoredDataChecks.StoredFileIsTheUpload([7], [])),
        ["the last chunk ends where the parsed text ends"] = (
            () => StoredDataChecks.ChunksReachTheEndOf(string.Join("\n\n", Texts), Chunks(i => EmbeddingOf(Texts[i]))),
            () => StoredDataChecks.ChunksReachTheEndOf(string.Join("\n\n", Texts) + "\nA last clause the chunks lost.", Chunks(i => EmbeddingOf(Texts[i])))),
        ["no chunks cannot reach the end"] = (
            () => StoredDataChecks.ChunksReachTheEndOf(Texts[0], [new StoredChunk(0, Texts[0], 8, EmbeddingOf(Texts[0]))]),
            () => StoredDataChecks.ChunksReachTheEndOf(Texts[0], [])),
        ["each vector belongs to its own chunk (a batch rotated by one)"] = (
            () => StoredDataChecks.EachVectorBelongsToItsChunk(Chunks(i => EmbeddingOf(Texts[i])), EmbeddingOf),
            () => StoredDataChecks.EachVectorBelongsToItsChunk(Chunks(i => EmbeddingOf(Texts[(i + 2) % 3])), EmbeddingOf)),
        ["each vector belongs to its own chunk (one vector from another text)"] = (
            () => StoredDataChecks.EachVectorBelongsToItsChunk(Chunks(i => EmbeddingOf(Texts[i])), EmbeddingOf),
            () => StoredDataChecks.EachVectorBelongsToItsChunk(Chunks(i => i == 1 ? EmbeddingOf(Texts[1] + " ") : EmbeddingOf(Texts[i])), EmbeddingOf)),
        ["each vector belongs to its own chunk (another model's vectors)"] = (
            () => StoredDataChecks.EachVectorBelongsToItsChunk(Chunks(i => EmbeddingOf(Texts[i])), EmbeddingOf),
            () => StoredDataChecks.EachVectorBelongsToItsChunk(Chunks(i => DeterministicEmbedding.Create("text-embedding-3-large", Texts[i], Dimensions)), EmbeddingOf)),
        ["no chunks cannot carry the right vectors"] = (
            () => StoredDataChecks.EachVectorBelongsToItsChunk(Chunks(i => EmbeddingOf(Texts[i])), EmbeddingOf),
            () => StoredDataChecks.EachVectorBelongsToItsChunk([], EmbeddingOf)),
        ["the chunks reproduce the parsed text (a word dropped mid-chunk)"] = (
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, SoundChunks),
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, WithSecond(c => c.Replace(" are paid", " paid", StringComparison.Ordinal)))),
        ["the chunks reproduce the parsed text (two words swapped)"] = (
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, Cut((0, 60), (60, Parsed.Length))),
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, WithSecond(c => c.Replace("are paid", "paid are", StringComparison.Ordinal)))),
        ["the chunks reproduce the parsed text (digits normalised)"] = (
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, SoundChunks),
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, WithSecond(c => c.Replace("30", "00", StringComparison.Ordinal)))),
        ["the chunks reproduce the parsed text (whitespace collapsed)"] = (
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, SoundChunks),
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, WithSecond(c => c.Replace("\n\n", " ", StringComparison.Ordinal)))),
        ["the chunks reproduce the parsed text (a gap between chunks)"] = (
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, SoundChunks),
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, Cut((0, 70), (75, 120), (100, Parsed.Length)))),
        ["the chunks reproduce the parsed text (the opening lost)"] = (
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, SoundChunks),
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, Cut((2, 70), (50, 120), (100, Parsed.Length)))),
        ["the chunks reproduce the parsed text (the ending lost)"] = (
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, SoundChunks),
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, Cut((0, 70), (50, 120), (100, Parsed.Length - 2)))),
        ["the chunks reproduce the parsed text (two chunks' texts exchanged)"] = (
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, SoundChunks),
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, Cut((0, 70), (100, Parsed.Length), (50, 120)))),
        ["no chunks do not reproduce a text"] = (
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, SoundChunks),
            () => StoredDataChecks.ChunksReproduceTheParsedText(Parsed, [])),
        ["a sample embedded again matches its stored vectors (a batch rotated by one)"] = (
            () => StoredDataChecks.SampledVectorsAreTheirOwnChunks(Chunks(i => EmbeddingOf(Texts[i])), Fresh(), 0.99),
            () => StoredDataChecks.SampledVectorsAreTheirOwnChunks(Chunks(i => EmbeddingOf(Texts[(i + 1) % 3])), Fresh(), 0.99)),
        ["a sample embedded again matches its stored vectors (the service's last digits differ; one vector from another text)"] = (
            () => StoredDataChecks.SampledVectorsAreTheirOwnChunks(Chunks(i => EmbeddingOf(Texts[i])), Fresh(jitter: 1e-4f), 0.99),
            () => StoredDataChecks.SampledVectorsAreTheirOwnChunks(Chunks(i => EmbeddingOf(i == 2 ? Texts[2] + " " : Texts[i])), Fresh(jitter: 1e-4f), 0.99)),
        ["no sample cannot match"] = (
            () => StoredDataChecks.SampledVectorsAreTheirOwnChunks(Chunks(i => EmbeddingOf(Texts[i])), Fresh(), 0.99),
            () => StoredDataChecks.SampledVectorsAreTheirOwnChunks([], [], 0.99)),
        ["retried for the whole retry window"] = (
            () => StoredDataChecks.RetriedForTheWholeWindow([Start, Start.AddSeconds(9)], TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)),
            () => StoredDataChecks.RetriedForTheWholeWindow([Start, Start.AddSeconds(3)], TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1))),
        ["a single attempt is no retrying"] = (
            () => StoredDataChecks.RetriedForTheWholeWindow([Start, Start.AddSeconds(9)], TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)),
            () => StoredDataChecks.RetriedForTheWholeWindow([Start], TimeSpan.Zero, TimeSpan.FromSeconds(1))),
    };

    public static TheoryData<string> Checks => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Checks))]
    public void Each_check_passes_on_the_truth_and_fails_on_what_it_checks_being_false(string check)
    {
        var (truth, falsehood) = Cases[check];

        truth.Should().NotThrow("a sound pipeline's data must pass");
        falsehood.Should().Throw<Exception>("the check must fail when what it checks is false");
    }
}
