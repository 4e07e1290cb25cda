using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mocks.Tests.Support;

namespace Mocks.Tests.LlamaParse;

public sealed class WebhookAndFaultTests
{
    private static readonly byte[] Policy = TestPdf.WithPages("Simulated insurance policy: theft cover applies.");

    [Fact]
    public async Task Completion_is_announced_by_a_webhook_signed_with_the_shared_secret()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock);

        var jobId = await client.UploadJobAsync(Policy, "policy.pdf", listener.Url);
        var delivery = await WebhookFor(listener, jobId);

        var expected = "sha256=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(LlamaParseMockClient.WebhookSecret), delivery.Body));
        delivery.Signature.Should().Be(expected);
        using var body = JsonDocument.Parse(delivery.Body);
        body.RootElement.GetProperty("status").GetString().Should().Be("SUCCESS");
        body.RootElement.GetProperty("md").GetString().Should().Contain("theft cover applies");
        var webhookLog = (await client.RequestLogAsync()).Where(entry => entry.GetProperty("kind").GetString() == "webhook");
        webhookLog.Should().ContainSingle(entry => entry.GetProperty("jobId").GetString() == jobId && entry.GetProperty("status").GetInt32() == 200);
    }

    [Fact]
    public async Task The_pipeline_wide_webhook_secret_signs_when_no_mock_secret_is_set()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var mock = await RunningMock.StartAsync(MockLlamaParse.MockLlamaParseApp.Build, "--Webhook:Secret=pipeline-wide-secret");
        var client = new LlamaParseMockClient(mock);

        var jobId = await client.UploadJobAsync(Policy, "policy.pdf", listener.Url);
        var delivery = await WebhookFor(listener, jobId);

        delivery.Signature.Should().Be("sha256=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes("pipeline-wide-secret"), delivery.Body)));
    }

    [Fact]
    public async Task Job_error_fails_matching_files_with_the_planned_message_and_spares_others()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock);
        await client.PutFaultsAsync(new
        {
            faults = new[] { new { kind = "job-error", fileNamePattern = "*-scanned.pdf", errorCode = "PDF_IS_BROKEN", message = "Parser could not read the scan." } },
        });

        var failing = await client.UploadJobAsync(Policy, "claim-scanned.pdf", listener.Url);
        var sparing = await client.UploadJobAsync(Policy, "claim.pdf");
        var failed = await client.FinishedAsync(failing);
        var spared = await client.FinishedAsync(sparing);
        var delivery = await WebhookFor(listener, failing);

        failed.GetProperty("status").GetString().Should().Be("ERROR");
        failed.GetProperty("error_code").GetString().Should().Be("PDF_IS_BROKEN");
        failed.GetProperty("error_message").GetString().Should().Be("Parser could not read the scan.");
        spared.GetProperty("status").GetString().Should().Be("SUCCESS");
        using var body = JsonDocument.Parse(delivery.Body);
        body.RootElement.GetProperty("status").GetString().Should().Be("ERROR");
    }

    [Fact]
    public async Task Drop_webhooks_completes_the_job_without_announcing_it()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock);
        await client.PutFaultsAsync(new { faults = new[] { new { kind = "drop-webhooks", count = 1 } } });

        var silent = await client.UploadJobAsync(Policy, "first.pdf", listener.Url);
        (await client.FinishedAsync(silent)).GetProperty("status").GetString().Should().Be("SUCCESS");
        var announced = await client.UploadJobAsync(Policy, "second.pdf", listener.Url);
        await WebhookFor(listener, announced);

        // Webhooks go out in completion order, so once the second arrived the first would have too.
        listener.Deliveries.Should().NotContain(delivery => delivery.ToString().Contains(silent));
        (await client.RequestLogAsync()).Should().Contain(entry =>
            entry.GetProperty("kind").GetString() == "webhook-dropped" && entry.GetProperty("jobId").GetString() == silent);
    }

    [Fact]
    public async Task Outage_answers_503_on_parsing_routes_while_health_stays_up()
    {
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock, "/api/v1/parsing");
        await client.PutFaultsAsync(new { faults = new[] { new { kind = "outage", durationMs = 60_000 } } });

        using var upload = await client.UploadAsync(Policy, "policy.pdf");
        using var health = await mock.Http.GetAsync("/health", TestContext.Current.CancellationToken);

        upload.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.RequestLogAsync()).Should().ContainSingle(entry => entry.GetProperty("fault").GetString() == "outage");
    }

    private static Task<WebhookListener.Delivery> WebhookFor(WebhookListener listener, string jobId) =>
        Eventually.ReturnsAsync(
            $"webhook for job {jobId}",
            () => Task.FromResult(listener.Deliveries.FirstOrDefault(delivery =>
                JsonDocument.Parse(delivery.Body).RootElement.GetProperty("jobId").GetString() == jobId)),
            delivery => delivery is not null)!;
}
