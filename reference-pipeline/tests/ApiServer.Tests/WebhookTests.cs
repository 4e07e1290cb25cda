using System.Net;
using System.Security.Cryptography;
using System.Text;
using ApiServer.Tests.Support;
using FluentAssertions;

namespace ApiServer.Tests;

[Collection(ApiServerCollection.Name)]
public sealed class WebhookTests(ApiServerFixture api)
{
    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("signed-with-another-secret")]
    [InlineData("sha256=not-hex")]
    public async Task An_unsigned_or_forged_webhook_is_refused_and_changes_nothing(string? signature)
    {
        var (jobId, parserJobId) = await JobWaitingForParserAsync();
        var body = NoticeBody(parserJobId, "SUCCESS");
        if (signature == "signed-with-another-secret") signature = Sign("some-other-secret", body);

        var response = await PostWebhookAsync(body, signature);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.JsonAsync()).Text("error").Should().Be("invalid-signature");
        (await api.CountAsync("SELECT count(*) FROM upload_pipeline.upload_jobs WHERE job_id = $1 AND next_attempt_at > now() + interval '30 minutes'", jobId))
            .Should().Be(1, "the job still waits for its poll");
        (await WebhookEventsAsync(jobId)).Should().Be(0);
    }

    [Fact]
    public async Task A_signed_webhook_makes_the_waiting_job_due_now_and_is_recorded()
    {
        var (jobId, parserJobId) = await JobWaitingForParserAsync();
        var body = NoticeBody(parserJobId, "SUCCESS");

        var response = await PostWebhookAsync(body, Sign(ApiServerFixture.WebhookSecret, body));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await api.CountAsync("SELECT count(*) FROM upload_pipeline.upload_jobs WHERE job_id = $1 AND next_attempt_at <= now()", jobId))
            .Should().Be(1);
        (await api.CountAsync("""
            SELECT count(*) FROM upload_pipeline.events
            WHERE job_id = $1 AND event_type = 'webhook_received' AND stage = 'parsing'
              AND detail->>'parserStatus' = 'SUCCESS' AND detail->>'parserJobId' = $2
            """, jobId, parserJobId)).Should().Be(1);
    }

    [Fact]
    public async Task A_signed_webhook_for_an_unknown_parser_job_is_accepted_and_ignored()
    {
        var body = NoticeBody("parser-job-nobody-knows-" + Guid.NewGuid(), "SUCCESS");

        var response = await PostWebhookAsync(body, Sign(ApiServerFixture.WebhookSecret, body));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await response.JsonAsync()).Text("status").Should().Be("ignored");
    }

    private async Task<(Guid JobId, string ParserJobId)> JobWaitingForParserAsync()
    {
        var user = ApiServerFixture.NewUser();
        var upload = await (await api.UploadAsync(user, TestPdfs.InsurancePolicy())).JsonAsync();
        var jobId = Guid.Parse(upload.Text("jobId"));
        var parserJobId = "llp-" + Guid.NewGuid();
        // What a worker leaves behind after submitting the document to the parser.
        (await api.CountAsync("""
            WITH u AS (UPDATE upload_pipeline.upload_jobs
                SET stage = 'parsing', state = 'queued', next_attempt_at = now() + interval '1 hour',
                    payload = jsonb_build_object('parserJobId', $2::text)
                WHERE job_id = $1 RETURNING 1) SELECT count(*) FROM u
            """, jobId, parserJobId)).Should().Be(1);
        return (jobId, parserJobId);
    }

    private Task<long> WebhookEventsAsync(Guid jobId) =>
        api.CountAsync("SELECT count(*) FROM upload_pipeline.events WHERE job_id = $1 AND event_type = 'webhook_received'", jobId);

    private static byte[] NoticeBody(string parserJobId, string status) =>
        Encoding.UTF8.GetBytes($$"""{"jobId":"{{parserJobId}}","status":"{{status}}"}""");

    private static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private Task<HttpResponseMessage> PostWebhookAsync(byte[] body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/llamaparse") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature is not null) request.Headers.Add("X-Webhook-Signature", signature);
        return api.Http.SendAsync(request);
    }
}
