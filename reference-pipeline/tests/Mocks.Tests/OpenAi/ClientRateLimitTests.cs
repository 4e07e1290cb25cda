using Pipeline.Core.Options;
using Pipeline.Core.Providers;
using Pipeline.Core.Queue;
using static Mocks.Tests.OpenAi.OpenAiMockClient;

namespace Mocks.Tests.OpenAi;

/// <summary>
/// The pipeline's OpenAI client against a mock that enforces tight limits (4 requests per 1.5 s
/// window, 429s without Retry-After): it reads x-ratelimit-remaining/reset and pauses before the
/// limit, backs off after a 429, and caps its concurrency, so the 429s stay few instead of a storm.
/// </summary>
public sealed class ClientRateLimitTests
{
    private const int Calls = 16;
    private const int RequestsPerWindow = 4;
    private const int MaxConcurrency = 2;

    [Fact]
    public async Task Against_tight_limits_the_client_paces_itself_and_sees_no_storm_of_429s()
    {
        await using var mock = await StartAsync("--MockOpenAi:EnforceRateLimits=true",
            $"--MockOpenAi:RequestsPerMinute={RequestsPerWindow}", "--MockOpenAi:RateLimitWindowMs=1500");
        var embedder = new OpenAiEmbedder(new OpenAiOptions
        {
            BaseUrl = mock.BaseAddress.ToString(), ApiKey = ValidKey, Model = "text-embedding-3-small", Dimensions = 8, MaxConcurrency = MaxConcurrency,
        });

        await Task.WhenAll(Enumerable.Range(0, Calls).Select(i => EmbedRetryingRateLimitsAsync(embedder, $"clause {i}")));

        var statuses = (await RequestLogAsync(mock)).Select(entry => entry.GetProperty("status").GetInt32()).ToList();
        var rateLimited = statuses.Count(status => status == 429);
        statuses.Count(status => status == 200).Should().Be(Calls);
        // Each request in flight can race a window's edge against the client's own pause once, so at most
        // MaxConcurrency per window (a busy CI machine once saw 5 where one per window was allowed). A client
        // that ignored the headers (Throttle.Enabled = false) met 5217 429s in 5233 requests here.
        rateLimited.Should().BeLessThanOrEqualTo(Calls / RequestsPerWindow * MaxConcurrency,
            $"the client paces itself by x-ratelimit-* and backs off after a 429 (saw {rateLimited} 429s in {statuses.Count} requests)");
        embedder.Throttle.RateLimitedCount.Should().Be(rateLimited, "every 429 the mock sent was seen and counted by the client");
    }

    /// <summary>What the job queue does with a rate-limited embedding: tries it again later.</summary>
    private static async Task EmbedRetryingRateLimitsAsync(OpenAiEmbedder embedder, string text)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await embedder.EmbedAsync([text], TestContext.Current.CancellationToken);
                return;
            }
            catch (PipelineErrorException e) when (e.Error.Code == "openai-rate-limited" && attempt < 20)
            {
            }
        }
    }
}
