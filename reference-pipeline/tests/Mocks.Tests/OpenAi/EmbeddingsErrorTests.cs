using System.ClientModel;
using System.Net;
using System.Text.Json;
using static Mocks.Tests.OpenAi.OpenAiMockClient;

namespace Mocks.Tests.OpenAi;

public sealed class EmbeddingsErrorTests
{
    [Fact]
    public async Task More_than_2048_inputs_are_refused_with_400_through_the_sdk()
    {
        await using var mock = await StartAsync();
        var inputs = Enumerable.Range(0, 2049).Select(i => $"clause {i}").ToArray();

        var call = () => Sdk(mock).GenerateEmbeddingsAsync(inputs, cancellationToken: TestContext.Current.CancellationToken);

        (await call.Should().ThrowAsync<ClientResultException>())
            .Which.Should().Match<ClientResultException>(error => error.Status == 400 && error.Message.Contains("max number of inputs is 2048"));
    }

    [Fact]
    public async Task Text_embedding_3_takes_8192_tokens_per_input_and_refuses_more_with_a_null_code()
    {
        await using var mock = await StartAsync();
        string Tokens(int count) => string.Concat(Enumerable.Repeat(" policy", count)); // " policy" is one cl100k token

        var atLimit = await Sdk(mock).GenerateEmbeddingAsync(Tokens(8192), cancellationToken: TestContext.Current.CancellationToken);
        using var overLimit = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = Tokens(8193) });

        atLimit.Value.ToFloats().Length.Should().Be(1536);
        (await Envelope(overLimit, HttpStatusCode.BadRequest)).Should().Be(("invalid_request_error", null), "OpenAI sends code null on this 400");
        (await overLimit.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should()
            .Contain("maximum context length is 8192 tokens").And.Contain("\"param\":null");
    }

    [Theory]
    [InlineData("not-an-openai-key")]
    [InlineData("sk-proj-well-formed-but-never-issued")]
    public async Task A_key_that_was_not_issued_gets_401_invalid_api_key_through_the_sdk(string key)
    {
        await using var mock = await StartAsync();

        var call = () => Sdk(mock, key: key).GenerateEmbeddingAsync("hello", cancellationToken: TestContext.Current.CancellationToken);

        (await call.Should().ThrowAsync<ClientResultException>())
            .Which.Should().Match<ClientResultException>(error => error.Status == 401 && error.Message.Contains("invalid_api_key") && !error.Message.Contains(key));
    }

    [Fact]
    public async Task Errors_use_openai_envelope_with_explicit_nulls()
    {
        await using var mock = await StartAsync();

        using var missingKey = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "hello" }, key: null);
        using var unknownModel = await PostEmbeddingsAsync(mock, new { model = "text-embedding-4-huge", input = "hello" });
        using var emptyInput = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "" });
        using var adaDimensions = await PostEmbeddingsAsync(mock, new { model = "text-embedding-ada-002", input = "hi", dimensions = 8 });

        (await Envelope(missingKey, HttpStatusCode.Unauthorized)).Should().Be(("invalid_request_error", "invalid_api_key"));
        (await Envelope(unknownModel, HttpStatusCode.NotFound)).Should().Be(("invalid_request_error", "model_not_found"));
        (await Envelope(emptyInput, HttpStatusCode.BadRequest)).Should().Be(("invalid_request_error", null));
        (await Envelope(adaDimensions, HttpStatusCode.BadRequest)).Should().Be(("invalid_request_error", null));
    }

    [Fact]
    public async Task A_request_over_300000_tokens_is_refused()
    {
        await using var mock = await StartAsync();
        var input = Enumerable.Repeat(string.Concat(Enumerable.Repeat(" policy", 8000)), 38).ToArray();

        using var response = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input });

        (await Envelope(response, HttpStatusCode.BadRequest)).Should().Be(("max_tokens_per_request", "max_tokens_per_request"));
    }

    private static async Task<(string? Type, string? Code)> Envelope(HttpResponseMessage response, HttpStatusCode expected)
    {
        response.StatusCode.Should().Be(expected);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var error = body.RootElement.GetProperty("error");
        error.GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();
        error.GetProperty("param").ValueKind.Should().BeOneOf(JsonValueKind.Null, JsonValueKind.String);
        var code = error.GetProperty("code");
        return (error.GetProperty("type").GetString(), code.ValueKind == JsonValueKind.Null ? null : code.GetString());
    }
}
