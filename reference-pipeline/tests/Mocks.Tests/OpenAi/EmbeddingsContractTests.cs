using System.Net;
using System.Text.Json;
using Microsoft.ML.Tokenizers;
using static Mocks.Tests.OpenAi.OpenAiMockClient;

namespace Mocks.Tests.OpenAi;

public sealed class EmbeddingsContractTests
{
    private static readonly string[] Texts = ["The insured party must report a claim within 30 days.", "Flood damage is excluded."];

    [Fact]
    public async Task The_official_sdk_gets_unit_vectors_of_the_model_dimension_that_repeat_across_calls()
    {
        await using var mock = await StartAsync();
        var client = Sdk(mock);

        var first = (await client.GenerateEmbeddingsAsync(Texts, cancellationToken: TestContext.Current.CancellationToken)).Value;
        var second = (await client.GenerateEmbeddingsAsync(Texts, cancellationToken: TestContext.Current.CancellationToken)).Value;

        first.Should().HaveCount(2);
        foreach (var embedding in first)
        {
            embedding.ToFloats().Length.Should().Be(1536);
            Norm(embedding.ToFloats().Span).Should().BeApproximately(1.0, 1e-5);
        }

        first[0].ToFloats().ToArray().Should().Equal(second[0].ToFloats().ToArray());
        first[0].ToFloats().ToArray().Should().NotEqual(first[1].ToFloats().ToArray(), "different texts get different vectors");
    }

    [Fact]
    public async Task Float_and_base64_encodings_carry_the_same_vector_the_sdk_sees()
    {
        await using var mock = await StartAsync();
        var sdkVector = (await Sdk(mock, "text-embedding-3-large").GenerateEmbeddingAsync(Texts[0], cancellationToken: TestContext.Current.CancellationToken))
            .Value.ToFloats().ToArray();

        var asFloats = await EmbeddingOf(mock, "float");
        var asBase64 = await EmbeddingOf(mock, "base64");

        var floats = asFloats.EnumerateArray().Select(component => component.GetSingle()).ToArray();
        var decoded = new float[floats.Length];
        Buffer.BlockCopy(Convert.FromBase64String(asBase64.GetString()!), 0, decoded, 0, decoded.Length * sizeof(float));
        floats.Should().HaveCount(3072).And.Equal(decoded);
        sdkVector.Should().Equal(floats);
    }

    [Fact]
    public async Task Dimensions_shorten_text_embedding_3_vectors_and_keep_them_unit_length()
    {
        await using var mock = await StartAsync();
        var options = new OpenAI.Embeddings.EmbeddingGenerationOptions { Dimensions = 256 };

        var vector = (await Sdk(mock).GenerateEmbeddingAsync(Texts[0], options, TestContext.Current.CancellationToken)).Value.ToFloats();

        vector.Length.Should().Be(256);
        Norm(vector.Span).Should().BeApproximately(1.0, 1e-5);
    }

    [Fact]
    public async Task Usage_counts_tokens_with_cl100k()
    {
        await using var mock = await StartAsync();
        var cl100k = TiktokenTokenizer.CreateForModel("text-embedding-3-small");
        var expected = Texts.Sum(text => cl100k.CountTokens(text));

        var result = (await Sdk(mock).GenerateEmbeddingsAsync(Texts, cancellationToken: TestContext.Current.CancellationToken)).Value;

        result.Usage.InputTokenCount.Should().Be(expected);
        result.Usage.TotalTokenCount.Should().Be(expected);
        var logged = (await RequestLogAsync(mock)).Single();
        logged.GetProperty("totalTokens").GetInt32().Should().Be(expected);
        logged.GetProperty("inputCount").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task Successful_answers_carry_openai_rate_limit_and_request_headers()
    {
        await using var mock = await StartAsync();

        using var response = await PostEmbeddingsAsync(mock, new { model = "text-embedding-ada-002", input = "hello" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var header in new[]
                 {
                     "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-limit-tokens",
                     "x-ratelimit-remaining-tokens", "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens",
                     "x-request-id", "openai-processing-ms",
                 })
        {
            response.Headers.Contains(header).Should().BeTrue($"OpenAI sends {header}");
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        body.RootElement.GetProperty("object").GetString().Should().Be("list");
        body.RootElement.GetProperty("data")[0].GetProperty("object").GetString().Should().Be("embedding");
        body.RootElement.GetProperty("model").GetString().Should().Be("text-embedding-ada-002");
    }

    [Fact]
    public async Task Token_array_inputs_embed_like_their_text()
    {
        await using var mock = await StartAsync();
        var ids = TiktokenTokenizer.CreateForModel("text-embedding-3-small").EncodeToIds("hello world").ToArray();

        using var fromIds = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = new[] { ids } });
        using var fromText = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "hello world" });

        fromIds.StatusCode.Should().Be(HttpStatusCode.OK);
        (await fromIds.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .Should().Be(await fromText.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<JsonElement> EmbeddingOf(Support.RunningMock mock, string encoding)
    {
        using var response = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-large", input = Texts[0], encoding_format = encoding });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("data")[0].GetProperty("embedding").Clone();
    }
}
