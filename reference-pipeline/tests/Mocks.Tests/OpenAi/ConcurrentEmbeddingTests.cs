using Pipeline.Core.Options;
using Pipeline.Core.Providers;
using static Mocks.Tests.OpenAi.OpenAiMockClient;

namespace Mocks.Tests.OpenAi;

/// <summary>
/// The worker embeds from several job slots at once through one <see cref="OpenAiEmbedder"/>. The SDK
/// writes each call's input into the generation options it is given, so options shared between
/// calls let one batch be sent with another's input. The mock's vectors are a pure function of
/// (model, text, dimensions), so a vector that belongs to another input is found at once.
/// </summary>
public sealed class ConcurrentEmbeddingTests
{
    private const int Batches = 48;
    private const int InputsPerBatch = 8;

    [Fact]
    public async Task Many_concurrent_equal_size_batches_each_get_the_vectors_of_their_own_inputs()
    {
        await using var mock = await StartAsync();
        var embedder = new OpenAiEmbedder(new OpenAiOptions
        {
            BaseUrl = mock.BaseAddress.ToString(), ApiKey = ValidKey, Model = "text-embedding-3-small", Dimensions = 32,
        });
        var batches = Enumerable.Range(0, Batches)
            .Select(b => Enumerable.Range(0, InputsPerBatch).Select(i => $"Claim {b}-{i}: water damage in room {i} of policy {b}.").ToList())
            .ToList();
        var ct = TestContext.Current.CancellationToken;
        var expected = new List<IReadOnlyList<float[]>>();
        foreach (var batch in batches) expected.Add(await embedder.EmbedAsync(batch, ct)); // one at a time: nothing to mix up

        for (var round = 0; round < 3; round++)
        {
            var concurrent = await Task.WhenAll(batches.Select(batch => Task.Run(() => embedder.EmbedAsync(batch, ct), ct)));

            for (var b = 0; b < Batches; b++)
            for (var i = 0; i < InputsPerBatch; i++)
                concurrent[b][i].Should().Equal(expected[b][i], $"round {round}: batch {b} input {i} must get its own vector, not another call's");
        }
    }
}
