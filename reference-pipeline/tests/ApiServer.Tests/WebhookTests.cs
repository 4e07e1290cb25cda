using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ApiServer.Tests.Support;
using FluentAssertions;
using Pipeline.Core.Providers;

namespace ApiServer.Tests;

/// <summary>
/// The parser webhook as LlamaParse really sends it: only the result in the body, to the per-job URL
/// the worker gave at upload (docs, "Webhook", developers.llamaindex.ai/llamaparse/parse/v1/features/webhook).
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class WebhookTests(ApiServerFixture api)
{
    [Fact]
    public async Task A_result_only_webhook_of_several_megabytes_wakes_the_job_its_url_names_and_is_recorded()
    {
        var (jobId, token) = await JobWaitingForParserAsync();
        var body = ResultBody(pages: 1500); // a big document's result: well past 1 MiB, with no job id, status or signature

        var response = await PostAsync($"/api/v1/webhooks/llamaparse/{jobId}/{token}", body);

        body.Length.Should().BeGreaterThan(2 * 1024 * 1024);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await api.CountAsync("SELECT count(*) FROM upload_pipeline.upload_jobs WHERE job_id = $1 AND next_attempt_at <= now()", jobId))
            .Should().Be(1, "the webhook made the job due now");
        (await api.CountAsync("""
            SELECT count(*) FROM upload_pipeline.events
            WHERE job_id = $1 AND event_type = 'webhook_received' AND stage = 'parsing' AND (detail->>'bodyBytes')::bigint = $2
            """, jobId, (long)body.Length)).Should().Be(1);
    }

    [Theory]
    [InlineData("wrong-token", "token-mismatch")]
    [InlineData("another-job", "unknown-job")]
    [InlineData("job-without-token", "no-token-issued")]
    [InlineData("not-a-job-id", "malformed-job-id")]
    [InlineData("no-token-in-url", "no-token-in-url")]
    public async Task A_webhook_without_the_jobs_token_is_refused_logged_with_its_reason_and_changes_nothing(string forgery, string reason)
    {
        var (jobId, token) = await JobWaitingForParserAsync();
        var (otherJob, _) = await JobWaitingForParserAsync(recordToken: false);
        var path = forgery switch
        {
            "wrong-token" => $"/api/v1/webhooks/llamaparse/{jobId}/{ParserWebhooks.NewToken()}",
            "another-job" => $"/api/v1/webhooks/llamaparse/{Guid.NewGuid()}/{token}",
            "job-without-token" => $"/api/v1/webhooks/llamaparse/{otherJob}/{token}",
            "not-a-job-id" => $"/api/v1/webhooks/llamaparse/{token}/{token}",
            _ => "/api/v1/webhooks/llamaparse",
        };

        // A server of its own, so its log lines are this test's (the shared fixture's logger may be closed by other tests' servers).
        await using var server = await OwnServerAsync();
        var response = await PostAsync(path, ResultBody(pages: 1), server.Http);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.JsonAsync()).Text("error").Should().Be("invalid-webhook-token");
        (await api.CountAsync("SELECT count(*) FROM upload_pipeline.upload_jobs WHERE job_id = ANY($1) AND next_attempt_at > now() + interval '30 minutes'",
            new[] { jobId, otherJob })).Should().Be(2, "both jobs still wait for their poll");
        (await WebhookEventsAsync(jobId)).Should().Be(0);
        await Eventually.UntilAsync($"the refusal '{reason}' in the log",
            () => Task.FromResult(api.LogText), text => text.Contains($"\"RefusalReason\":\"{reason}\""), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_webhook_with_a_wrong_token_is_refused_before_its_body_is_read()
    {
        var (jobId, _) = await JobWaitingForParserAsync();
        using var client = new TcpClient();
        await client.ConnectAsync(api.BaseAddress.Host, api.BaseAddress.Port, Ct);
        var stream = client.GetStream();

        // Announces a body of the size limit and sends only its first kilobyte: an answer can only come before the body is read.
        var head = $"POST /api/v1/webhooks/llamaparse/{jobId}/{ParserWebhooks.NewToken()} HTTP/1.1\r\nHost: {api.BaseAddress.Authority}\r\n" +
                   $"Content-Type: application/json\r\nContent-Length: {ApiServerFixture.MaxWebhookBytes}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(new byte[1024]).ToArray(), Ct);
        using var answerDue = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        answerDue.CancelAfter(TimeSpan.FromSeconds(20));
        var statusLine = await new StreamReader(stream, Encoding.ASCII).ReadLineAsync(answerDue.Token);

        statusLine.Should().StartWith("HTTP/1.1 401", "an unknown token is refused without reading the 8 MiB its request announced");
        (await WebhookEventsAsync(jobId)).Should().Be(0);
    }

    [Fact]
    public async Task A_webhook_past_the_size_limit_is_refused_and_logged_and_the_token_is_never_logged()
    {
        var (jobId, token) = await JobWaitingForParserAsync();
        var body = new byte[ApiServerFixture.MaxWebhookBytes + 1];
        await using var server = await OwnServerAsync();

        var response = await PostAsync($"/api/v1/webhooks/llamaparse/{jobId}/{token}", body, server.Http);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.JsonAsync()).Text("error").Should().Be("body-too-large");
        var logs = await Eventually.UntilAsync("the size refusal in the log",
            () => Task.FromResult(api.LogText), text => text.Contains(jobId.ToString()) && text.Contains("body-too-large"), TimeSpan.FromSeconds(30));
        logs.Should().NotContain(token);
        (await WebhookEventsAsync(jobId)).Should().Be(0);
    }

    [Fact]
    public async Task A_repeated_webhook_for_a_job_no_longer_waiting_is_acknowledged_and_ignored()
    {
        var (jobId, token) = await JobWaitingForParserAsync();
        await api.CountAsync("WITH u AS (UPDATE upload_pipeline.upload_jobs SET stage = 'parsed', state = 'working' WHERE job_id = $1 RETURNING 1) SELECT count(*) FROM u", jobId);

        var response = await PostAsync($"/api/v1/webhooks/llamaparse/{jobId}/{token}", ResultBody(pages: 1));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await response.JsonAsync()).Text("status").Should().Be("ignored");
        (await WebhookEventsAsync(jobId)).Should().Be(0);
    }

    /// <summary>What a worker leaves behind after submitting the document to the parser: the token's hash, parked.</summary>
    private async Task<(Guid JobId, string Token)> JobWaitingForParserAsync(bool recordToken = true)
    {
        var user = ApiServerFixture.NewUser();
        var upload = await (await api.UploadAsync(user, TestPdfs.InsurancePolicy(), fileName: $"policy-{Guid.NewGuid():N}.pdf")).JsonAsync();
        var jobId = Guid.Parse(upload.Text("jobId"));
        var token = ParserWebhooks.NewToken();
        var payload = recordToken
            ? JsonSerializer.Serialize(new Dictionary<string, string> { ["parserJobId"] = "llp-" + Guid.NewGuid(), [ParserWebhooks.TokenHashKey] = ParserWebhooks.HashHex(token) })
            : JsonSerializer.Serialize(new Dictionary<string, string> { ["parserJobId"] = "llp-" + Guid.NewGuid() });
        (await api.CountAsync("""
            WITH u AS (UPDATE upload_pipeline.upload_jobs
                SET stage = 'parsing', state = 'queued', next_attempt_at = now() + interval '1 hour', payload = $2::jsonb
                WHERE job_id = $1 RETURNING 1) SELECT count(*) FROM u
            """, jobId, payload)).Should().Be(1);
        return (jobId, token);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<long> WebhookEventsAsync(Guid jobId) =>
        api.CountAsync("SELECT count(*) FROM upload_pipeline.events WHERE job_id = $1 AND event_type = 'webhook_received'", jobId);

    /// <summary>LlamaParse's webhook body: <c>txt</c>, <c>md</c>, <c>json</c> pages, <c>images</c>, and nothing else.</summary>
    private static byte[] ResultBody(int pages)
    {
        var page = "Section 4.2: water damage from burst pipes is covered up to the policy limit. ";
        var texts = Enumerable.Range(1, pages).Select(n => $"Page {n}. " + string.Concat(Enumerable.Repeat(page, 10))).ToList();
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            txt = string.Join("\n---\n", texts),
            md = string.Join("\n---\n", texts),
            json = texts.Select((text, i) => new { page = i + 1, text, md = text, images = Array.Empty<object>() }),
            images = Array.Empty<string>(),
        });
    }

    private Task<HttpResponseMessage> PostAsync(string path, byte[] body, HttpClient? http = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return (http ?? api.Http).SendAsync(request);
    }

    private async Task<OwnServer> OwnServerAsync() => new(await api.StartAppAsync(api.Postgres.FailFastConnectionStringFor()));

    private sealed class OwnServer(Microsoft.AspNetCore.Builder.WebApplication app) : IAsyncDisposable
    {
        public HttpClient Http { get; } = new() { BaseAddress = new Uri(app.Urls.Single()) };

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
