using Microsoft.Extensions.Logging.Abstractions;
using Mocks.Tests.LlamaParse;
using Mocks.Tests.OpenAi;
using Pipeline.Core.Options;
using Pipeline.Core.Providers;

namespace Mocks.Tests.Contract;

/// <summary>The worker's start-up key check against the mocks: a refused key stops it before anything is spent.</summary>
public sealed class ProviderKeyCheckTests
{
    [Theory]
    [InlineData("OpenAI", "sk-proj-never-issued-by-this-mock-0001", LlamaParseMockClient.ValidKey)]
    [InlineData("LlamaParse", OpenAiMockClient.ValidKey, "not-a-llamaparse-key-0002")]
    public async Task A_refused_key_stops_the_worker_at_start_naming_the_provider_and_never_the_key(string provider, string openAiKey, string llamaParseKey)
    {
        await using var openAi = await OpenAiMockClient.StartAsync();
        await using var llamaParse = await LlamaParseMockClient.StartAsync();

        var start = () => Check(openAi, llamaParse, openAiKey, llamaParseKey).StartAsync(TestContext.Current.CancellationToken);

        var refusal = (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message;
        refusal.Should().StartWith($"{provider} refused the configured API key (401)").And.NotContain(openAiKey).And.NotContain(llamaParseKey);
        (await OpenAiMockClient.RequestLogAsync(openAi)).Should().NotContain(entry => entry.GetProperty("path").GetString() == "/v1/embeddings",
            "nothing is embedded, so nothing is spent");
    }

    [Fact]
    public async Task Issued_keys_pass_the_check()
    {
        await using var openAi = await OpenAiMockClient.StartAsync();
        await using var llamaParse = await LlamaParseMockClient.StartAsync();

        await Check(openAi, llamaParse, OpenAiMockClient.ValidKey, LlamaParseMockClient.ValidKey).StartAsync(TestContext.Current.CancellationToken);
    }

    private static ProviderKeyCheck Check(Support.RunningMock openAi, Support.RunningMock llamaParse, string openAiKey, string llamaParseKey) => new(
        new PlainHttpClients(),
        Microsoft.Extensions.Options.Options.Create(new OpenAiOptions { BaseUrl = openAi.BaseAddress.ToString(), ApiKey = openAiKey }),
        Microsoft.Extensions.Options.Options.Create(new LlamaParseOptions { BaseUrl = llamaParse.BaseAddress.ToString(), ApiKey = llamaParseKey }),
        NullLogger<ProviderKeyCheck>.Instance);

    private sealed class PlainHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
