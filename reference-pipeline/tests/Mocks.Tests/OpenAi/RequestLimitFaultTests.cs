using System.Net;
using System.Net.Http.Json;
using static Mocks.Tests.OpenAi.OpenAiMockClient;

namespace Mocks.Tests.OpenAi;

/// <summary>
/// The <c>request-limit</c> fault: an account limited to N requests per window, answered the way
/// OpenAI's rate-limit guide describes (x-ratelimit-limit/remaining/reset-requests on every answer)
/// and refused with 429 <c>rate_limit_exceeded</c> once the window's requests are used up.
/// </summary>
public sealed class RequestLimitFaultTests
{
    [Fact]
    public async Task The_window_s_requests_count_down_and_the_next_is_refused_with_when_to_retry()
    {
        await using var mock = await StartAsync();
        await PutFaultsAsync(mock, new { faults = new[] { new { kind = "request-limit", requestsPerWindow = 2, windowMs = 60_000, announceRetryAfter = true } } });

        using var first = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "clause 1" });
        using var second = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "clause 2" });
        using var third = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "clause 3" });

        first.Headers.GetValues("x-ratelimit-limit-requests").Should().Equal("2");
        first.Headers.GetValues("x-ratelimit-remaining-requests").Should().Equal("1");
        second.Headers.GetValues("x-ratelimit-remaining-requests").Should().Equal("0");
        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await third.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("\"code\":\"rate_limit_exceeded\"");
        third.Headers.RetryAfter!.Delta.Should().BeCloseTo(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2), "Retry-After is the rest of the window in whole seconds");
        third.Headers.Contains("retry-after-ms").Should().BeFalse("retry-after-ms is Azure OpenAI's header, not api.openai.com's");
        var log = await RequestLogAsync(mock);
        log[2].GetProperty("retryAfterMs").GetInt32().Should().BeInRange(55_000, 60_000, "the log keeps the wait the refusal announced");
    }

    [Fact]
    public async Task Without_announce_the_refusal_has_no_retry_after_only_the_reset_header()
    {
        await using var mock = await StartAsync();
        await PutFaultsAsync(mock, new { faults = new[] { new { kind = "request-limit", requestsPerWindow = 1, windowMs = 60_000 } } });

        using var first = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "clause 1" });
        using var second = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "clause 2" });

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        second.Headers.RetryAfter.Should().BeNull();
        second.Headers.GetValues("x-ratelimit-remaining-requests").Should().Equal("0");
        second.Headers.GetValues("x-ratelimit-reset-requests").Single().Should().MatchRegex(@"^\d+(\.\d+)?s$");
    }

    [Fact]
    public async Task Concurrent_requests_cannot_all_slip_past_the_last_free_slot()
    {
        await using var mock = await StartAsync();
        await PutFaultsAsync(mock, new { faults = new[] { new { kind = "request-limit", requestsPerWindow = 3, windowMs = 60_000 } } });

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = $"clause {i}" })));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(3);
        answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests).Should().Be(5);
        foreach (var answer in answers) answer.Dispose();
    }

    [Fact]
    public async Task A_plan_without_its_limit_is_refused()
    {
        await using var mock = await StartAsync();

        using var response = await mock.Http.PutAsJsonAsync("/admin/faults", new { faults = new[] { new { kind = "request-limit", windowMs = 1000 } } },
            TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("requestsPerWindow");
    }
}
