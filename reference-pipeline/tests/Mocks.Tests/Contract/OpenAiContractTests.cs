using Microsoft.ML.Tokenizers;
using Mocks.Tests.OpenAi;

namespace Mocks.Tests.Contract;

/// <summary>
/// OpenAI's official Node client (npm <c>openai</c>), unchanged, against the mock, and against OpenAI
/// itself when OPENAI_API_KEY is set: embeddings (the client asks for base64 and decodes it), usage,
/// and the error it makes of an unknown key.
/// </summary>
public sealed class OpenAiContractTests
{
    [Theory]
    [InlineData(ProviderTarget.Mock)]
    [InlineData(ProviderTarget.Real)]
    public async Task The_official_client_gets_unit_vectors_of_the_asked_dimension_and_token_usage(string target)
    {
        await using var mock = target == ProviderTarget.Mock ? await OpenAiMockClient.StartAsync() : null;
        var environment = Environment(mock, mock is null ? ProviderTarget.RealKeyOrSkip(ProviderTarget.OpenAiKeyVariable) : OpenAiMockClient.ValidKey);

        string[] texts = ["Water damage in the kitchen is covered.", "Flood damage is excluded."];
        var tokens = texts.Sum(text => TiktokenTokenizer.CreateForModel("text-embedding-3-small").CountTokens(text));

        var result = await NodeClient.RunAsync("openai.mjs", environment, ["text-embedding-3-small", "256", .. texts]);

        result.GetProperty("model").GetString().Should().StartWith("text-embedding-3-small");
        var vectors = result.GetProperty("vectors").EnumerateArray().ToList();
        vectors.Select(vector => vector.GetProperty("index").GetInt32()).Should().Equal(0, 1);
        vectors.Should().OnlyContain(vector => vector.GetProperty("length").GetInt32() == 256);
        vectors.Should().OnlyContain(vector => Math.Abs(vector.GetProperty("norm").GetDouble() - 1) < 1e-3, "OpenAI's embeddings are unit length");
        var usage = result.GetProperty("usage");
        usage.GetProperty("prompt_tokens").GetInt32().Should().Be(tokens, "OpenAI counts input tokens with cl100k");
        usage.GetProperty("total_tokens").GetInt32().Should().Be(tokens);
    }

    [Theory]
    [InlineData(ProviderTarget.Mock)]
    [InlineData(ProviderTarget.Real)]
    public async Task The_official_client_reports_an_unknown_key_as_401_invalid_api_key(string target)
    {
        await using var mock = target == ProviderTarget.Mock ? await OpenAiMockClient.StartAsync() : null;
        if (mock is null) ProviderTarget.RealKeyOrSkip(ProviderTarget.OpenAiKeyVariable); // only run the real half when the suite runs with keys

        var result = await NodeClient.RunAsync("openai.mjs", Environment(mock, "sk-proj-contract-check-never-issued-0000"),
            "text-embedding-3-small", "8", "hello");

        var error = result.GetProperty("error");
        error.GetProperty("status").GetInt32().Should().Be(401);
        error.GetProperty("code").GetString().Should().Be("invalid_api_key");
        error.GetProperty("type").GetString().Should().Be("invalid_request_error");
    }

    private static Dictionary<string, string> Environment(Support.RunningMock? mock, string key) => new()
    {
        ["OPENAI_BASE_URL"] = mock is null ? ProviderTarget.RealOpenAiUrl : new Uri(mock.BaseAddress, "/v1").ToString(),
        ["OPENAI_API_KEY"] = key,
    };
}
