using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Mocks.Tests.LlamaParse;
using Mocks.Tests.OpenAi;
using Mocks.Tests.Support;

namespace Mocks.Tests;

/// <summary>The error answers the worker's provider error tests rely on, checked on the wire.</summary>
public sealed class VendorErrorAnswerTests
{
    private static readonly byte[] Policy = TestPdf.WithPages("Simulated insurance policy: theft cover applies.");

    [Theory]
    [InlineData(1500, "2")]
    [InlineData(null, null)]
    public async Task A_parser_rate_limit_answers_429_with_detail_and_retry_after_only_when_the_fault_names_a_wait(int? retryAfterMs, string? header)
    {
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock);
        await client.PutFaultsAsync(new { faults = new[] { new { kind = "rate-limit", count = 1, retryAfterMs } } });

        using var throttled = await client.UploadAsync(Policy, "policy.pdf");
        using var next = await client.UploadAsync(Policy, "policy.pdf");

        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (throttled.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null).Should().Be(header);
        using var body = JsonDocument.Parse(await throttled.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        body.RootElement.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        next.StatusCode.Should().Be(HttpStatusCode.OK, "the fault struck once");
    }

    [Fact]
    public async Task A_malformed_parser_answer_is_a_200_whose_json_is_cut_off()
    {
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock);
        await client.PutFaultsAsync(new { faults = new[] { new { kind = "malformed", count = 1 } } });

        using var answer = await client.UploadAsync(Policy, "policy.pdf");
        var text = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        FluentActions.Invoking(() => JsonDocument.Parse(text)).Should().Throw<JsonException>();
    }

    [Fact]
    public async Task OpenAi_answers_a_route_it_does_not_serve_with_404_invalid_url_in_its_error_envelope()
    {
        await using var mock = await OpenAiMockClient.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/openai/v1/embeddings") { Content = new StringContent("{}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAiMockClient.ValidKey);

        using var answer = await mock.Http.SendAsync(request, TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        answer.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var error = body.RootElement.GetProperty("error");
        error.GetProperty("message").GetString().Should().Be("Invalid URL (POST /openai/v1/embeddings)");
        error.GetProperty("type").GetString().Should().Be("invalid_request_error");
        error.GetProperty("code").ValueKind.Should().Be(JsonValueKind.Null);
    }
}
