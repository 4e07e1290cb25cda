using System.ClientModel;
using System.Net;
using System.Text.Json;
using static Mocks.Tests.OpenAi.OpenAiMockClient;

namespace Mocks.Tests.OpenAi;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task The_sdk_retries_a_429_no_earlier_than_retry_after()
    {
        await using var mock = await StartAsync();
        await PutFaultsAsync(mock, new { faults = new[] { new { kind = "rate-limit", count = 1, retryAfterMs = 1200 } } });

        var result = await Sdk(mock).GenerateEmbeddingAsync("hello", cancellationToken: TestContext.Current.CancellationToken);

        result.Value.ToFloats().Length.Should().Be(1536);
        var log = await RequestLogAsync(mock);
        log.Select(entry => entry.GetProperty("status").GetInt32()).Should().Equal(429, 200);
        var gap = log[1].GetProperty("receivedAt").GetDateTimeOffset() - log[0].GetProperty("receivedAt").GetDateTimeOffset();
        gap.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1200));
    }

    [Fact]
    public async Task A_rate_limited_answer_says_when_to_retry_and_that_nothing_remains()
    {
        await using var mock = await StartAsync();
        await PutFaultsAsync(mock, new { faults = new[] { new { kind = "rate-limit", durationMs = 60_000, retryAfterMs = 2500 } } });

        using var response = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "hello" });

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
        response.Headers.Contains("retry-after-ms").Should().BeFalse("retry-after-ms is Azure OpenAI's header, not api.openai.com's");
        response.Headers.GetValues("x-ratelimit-remaining-requests").Should().Equal("0");
        (await ErrorCode(response)).Should().Be("rate_limit_exceeded");
    }

    [Fact]
    public async Task A_rate_limited_answer_may_come_without_retry_after_as_openais_often_does()
    {
        await using var mock = await StartAsync();
        await PutFaultsAsync(mock, new { faults = new[] { new { kind = "rate-limit", count = 1 } } });

        using var response = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "hello" });

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter.Should().BeNull();
        response.Headers.Contains("retry-after-ms").Should().BeFalse();
        response.Headers.GetValues("x-ratelimit-reset-requests").Should().ContainSingle();
        (await ErrorCode(response)).Should().Be("rate_limit_exceeded");
    }

    [Fact]
    public async Task Insufficient_quota_surfaces_as_429_without_retry_after_or_a_retry_storm()
    {
        await using var mock = await StartAsync();
        await PutFaultsAsync(mock, new { faults = new[] { new { kind = "insufficient-quota" } } });

        var call = () => Sdk(mock, maxRetries: 1).GenerateEmbeddingAsync("hello", cancellationToken: TestContext.Current.CancellationToken);

        (await call.Should().ThrowAsync<ClientResultException>())
            .Which.Should().Match<ClientResultException>(error => error.Status == 429 && error.Message.Contains("insufficient_quota"));
        (await RequestLogAsync(mock)).Length.Should().BeLessThanOrEqualTo(2, "one call and at most the one retry allowed");
        using var raw = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "hello" });
        raw.Headers.RetryAfter.Should().BeNull();
        (await ErrorCode(raw)).Should().Be("insufficient_quota");
    }

    [Fact]
    public async Task An_out_of_order_answer_lists_the_vectors_reversed_each_keeping_its_own_index()
    {
        await using var mock = await StartAsync();
        var request = new { model = "text-embedding-3-small", input = new[] { "first chunk", "second chunk", "third chunk" } };
        var inInputOrder = await DataAsync(await PostEmbeddingsAsync(mock, request));
        await PutFaultsAsync(mock, new { faults = new[] { new { kind = "out-of-order" } } });

        var reordered = await DataAsync(await PostEmbeddingsAsync(mock, request));

        inInputOrder.Select(Index).Should().Equal(0, 1, 2);
        reordered.Select(Index).Should().Equal(2, 1, 0);
        reordered.Should().OnlyContain(item => Vector(item) == Vector(inInputOrder[Index(item)]), "each vector keeps the index of the input it embeds");
        (await RequestLogAsync(mock)).Last().GetProperty("fault").GetString().Should().Be("out-of-order");
    }

    private static int Index(JsonElement item) => item.GetProperty("index").GetInt32();

    private static string Vector(JsonElement item) => item.GetProperty("embedding").GetRawText();

    private static async Task<JsonElement[]> DataAsync(HttpResponseMessage response)
    {
        using (response)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            return body.RootElement.GetProperty("data").EnumerateArray().Select(item => item.Clone()).ToArray();
        }
    }

    [Fact]
    public async Task Outage_answers_503_for_as_many_requests_as_planned_then_recovers()
    {
        await using var mock = await StartAsync();
        await PutFaultsAsync(mock, new { faults = new[] { new { kind = "outage", count = 2 } } });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "hello" });
            statuses.Add(response.StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Outage_can_abort_the_connection()
    {
        await using var mock = await StartAsync();
        await PutFaultsAsync(mock, new { faults = new[] { new { kind = "outage", abort = true } } });

        var call = () => PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "hello" });

        await call.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Malformed_answers_200_with_a_body_that_is_not_json()
    {
        await using var mock = await StartAsync();
        await PutFaultsAsync(mock, new { faults = new[] { new { kind = "malformed", count = 1 } } });

        using var response = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "hello" });
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var parse = () => JsonDocument.Parse(body);
        parse.Should().Throw<JsonException>();
    }

    [Fact]
    public async Task Error_rate_one_answers_500_server_error_and_clearing_faults_restores_service()
    {
        await using var mock = await StartAsync();
        await PutFaultsAsync(mock, new { faults = new[] { new { kind = "error-rate", rate = 1.0 } } });

        using var failed = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "hello" });
        (await mock.Http.DeleteAsync("/admin/faults", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        using var recovered = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "hello" });

        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await ErrorCode(failed)).Should().Be("server_error");
        recovered.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Latency_fault_delays_the_answer()
    {
        await using var mock = await StartAsync();
        await PutFaultsAsync(mock, new { faults = new[] { new { kind = "latency", latencyMs = 300, count = 1 } } });

        var started = DateTime.UtcNow;
        using var response = await PostEmbeddingsAsync(mock, new { model = "text-embedding-3-small", input = "hello" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (DateTime.UtcNow - started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task An_invalid_fault_plan_is_refused_with_the_problem_named()
    {
        await using var mock = await StartAsync();

        using var response = await mock.Http.PutAsync(
            "/admin/faults",
            new StringContent("""{"faults":[{"kind":"meteor-strike"}]}""", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("faults[0].kind");
    }

    private static async Task<string?> ErrorCode(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("error").GetProperty("code").GetString();
    }
}
