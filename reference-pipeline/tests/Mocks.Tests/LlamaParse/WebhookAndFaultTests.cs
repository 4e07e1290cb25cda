using System.Net;
using System.Text.Json;
using Mocks.Tests.Support;

namespace Mocks.Tests.LlamaParse;

public sealed class WebhookAndFaultTests
{
    private static readonly byte[] Policy = TestPdf.WithPages("Simulated insurance policy: theft cover applies.");

    [Fact]
    public async Task Completion_posts_only_the_result_to_the_url_given_at_upload_without_any_signature()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock);
        var tag = "job-token-" + Guid.NewGuid().ToString("N");

        var jobId = await client.UploadJobAsync(Policy, "policy.pdf", listener.UrlFor(tag));
        var delivery = await WebhookFor(listener, tag);

        using var body = JsonDocument.Parse(delivery.Body);
        body.RootElement.EnumerateObject().Select(property => property.Name).Should()
            .BeEquivalentTo(["txt", "md", "json", "images"], "LlamaParse's webhook body is the result and nothing else: no job id, status or event");
        body.RootElement.GetProperty("md").GetString().Should().Contain("theft cover applies");
        body.RootElement.GetProperty("json")[0].GetProperty("page").GetInt32().Should().Be(1);
        delivery.HeaderNames.Should().NotContain(name => name.Contains("Signature", StringComparison.OrdinalIgnoreCase));
        var webhookLog = (await client.RequestLogAsync()).Where(entry => entry.GetProperty("kind").GetString() == "webhook").ToList();
        webhookLog.Should().ContainSingle(entry => entry.GetProperty("jobId").GetString() == jobId && entry.GetProperty("status").GetInt32() == 200);
        webhookLog.Should().OnlyContain(entry => !entry.GetProperty("path").GetString()!.Contains(tag), "the receiver's token is not written down");
    }

    [Fact]
    public async Task Job_error_fails_matching_files_with_the_planned_message_spares_others_and_sends_no_webhook()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock);
        await client.PutFaultsAsync(new
        {
            faults = new[] { new { kind = "job-error", fileNamePattern = "*-scanned.pdf", errorCode = "PDF_IS_BROKEN", message = "Parser could not read the scan." } },
        });

        var failing = await client.UploadJobAsync(Policy, "claim-scanned.pdf", listener.UrlFor("failing"));
        var failed = await client.FinishedAsync(failing);
        var sparing = await client.UploadJobAsync(Policy, "claim.pdf", listener.UrlFor("sparing"));
        var spared = await client.FinishedAsync(sparing);
        await WebhookFor(listener, "sparing");

        failed.GetProperty("status").GetString().Should().Be("ERROR");
        failed.GetProperty("error_code").GetString().Should().Be("PDF_IS_BROKEN");
        failed.GetProperty("error_message").GetString().Should().Be("Parser could not read the scan.");
        spared.GetProperty("status").GetString().Should().Be("SUCCESS");
        // Webhooks go out in completion order, so once the second arrived the first would have too.
        listener.Deliveries.Should().NotContain(delivery => delivery.Tag == "failing", "a failed job has no result to post");
    }

    [Fact]
    public async Task Drop_webhooks_completes_the_job_without_announcing_it()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock);
        await client.PutFaultsAsync(new { faults = new[] { new { kind = "drop-webhooks", count = 1 } } });

        var silent = await client.UploadJobAsync(Policy, "first.pdf", listener.UrlFor("silent"));
        (await client.FinishedAsync(silent)).GetProperty("status").GetString().Should().Be("SUCCESS");
        await client.UploadJobAsync(Policy, "second.pdf", listener.UrlFor("announced"));
        await WebhookFor(listener, "announced");

        // Webhooks go out in completion order, so once the second arrived the first would have too.
        listener.Deliveries.Should().NotContain(delivery => delivery.Tag == "silent");
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

    private static Task<WebhookListener.Delivery> WebhookFor(WebhookListener listener, string tag) =>
        Eventually.UntilAsync(
            $"webhook to {tag}",
            () => Task.FromResult(listener.Deliveries.FirstOrDefault(delivery => delivery.Tag == tag)),
            delivery => delivery is not null, TimeSpan.FromSeconds(10))!;
}
