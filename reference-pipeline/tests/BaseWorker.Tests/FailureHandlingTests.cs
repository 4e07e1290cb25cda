using BaseWorker.Tests.Support;
using FluentAssertions;
using Pipeline.Core;
using Pipeline.Core.Events;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace BaseWorker.Tests;

/// <summary>How the worker classifies provider failures: retry with backoff (honouring Retry-After) or dead letter.</summary>
public sealed class FailureHandlingTests(PostgresServer server)
{
    [Fact]
    public async Task A_rate_limited_embedding_request_waits_for_retry_after_then_completes_without_paying_twice()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "fail_429");
        harness.Providers.Markdown = SampleText.Policy(3);
        harness.Providers.OpenAiFaults.Enqueue(FakeProviders.OpenAiError(429, "rate_limit_exceeded", "Rate limit reached for requests",
            new Dictionary<string, string> { ["retry-after-ms"] = "1500", ["Retry-After"] = "2" }));
        await harness.StartAsync();

        var (_, jobId, _) = await harness.UploadAsync();
        var throttled = await harness.WaitForStateAsync(jobId, JobStates.Retryable);

        throttled.LastErrorCode.Should().Be("openai-rate-limited");
        throttled.LastErrorRetryable.Should().BeTrue();
        (throttled.NextAttemptAt - throttled.UpdatedAt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1450),
            "the server's retry-after-ms wins over the 20-100 ms backoff");
        var done = await harness.WaitForDoneAsync(jobId);
        done.State.Should().Be(JobStates.Done);
        done.RetryCount.Should().Be(1);
        harness.Providers.EmbeddingRequests.Should().Be(2, "the SDK's own retries are off; the queue retried once");
    }

    [Theory]
    [InlineData(500, "server_error")]
    [InlineData(503, "service_unavailable")]
    public async Task A_server_error_from_openai_is_retried_and_the_job_completes(int status, string code)
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "fail_5xx");
        harness.Providers.Markdown = SampleText.Policy(3);
        harness.Providers.OpenAiFaults.Enqueue(FakeProviders.OpenAiError(status, code, "The server had an error"));
        await harness.StartAsync();

        var (_, jobId, _) = await harness.UploadAsync();
        var done = await harness.WaitForDoneAsync(jobId);

        done.State.Should().Be(JobStates.Done);
        done.RetryCount.Should().Be(1);
        done.LastErrorCode.Should().BeNull("the job recovered from it");
        (await harness.Database.EventsAsync(jobId)).Should().ContainSingle(e => e.EventType == EventTypes.RetryScheduled,
            "the failure stays on record in the timeline");
    }

    [Fact]
    public async Task Insufficient_quota_dead_letters_the_job_at_once()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "fail_quota");
        harness.Providers.Markdown = SampleText.Policy(3);
        for (var i = 0; i < 5; i++)
            harness.Providers.OpenAiFaults.Enqueue(FakeProviders.OpenAiError(429, "insufficient_quota", "You exceeded your current quota"));
        await harness.StartAsync();

        var (_, jobId, _) = await harness.UploadAsync();
        var job = await harness.WaitForStateAsync(jobId, JobStates.Deadletter);

        job.Stage.Should().Be(Stages.Embedding);
        job.LastErrorCode.Should().Be("openai-insufficient-quota");
        job.LastErrorMessage.Should().Contain("exceeded your current quota");
        job.RetryCount.Should().Be(0);
        harness.Providers.EmbeddingRequests.Should().Be(1);
    }

    [Fact]
    public async Task A_rejected_api_key_dead_letters_the_job_at_once()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "fail_401");
        harness.Providers.Markdown = SampleText.Policy(3);
        for (var i = 0; i < 5; i++)
            harness.Providers.OpenAiFaults.Enqueue(FakeProviders.OpenAiError(401, "invalid_api_key", "Incorrect API key provided"));
        await harness.StartAsync();

        var (_, jobId, _) = await harness.UploadAsync();
        var job = await harness.WaitForStateAsync(jobId, JobStates.Deadletter);

        job.LastErrorCode.Should().Be("openai-unauthorized");
        job.LastErrorRetryable.Should().BeFalse();
        harness.Providers.EmbeddingRequests.Should().Be(1);
    }

    [Fact]
    public async Task A_failing_parser_job_is_retried_with_a_new_upload_until_its_retry_window_ends_then_set_aside_with_its_message()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "fail_parser",
            new Dictionary<string, string?> { ["Worker:RetryWindowSeconds"] = "2", ["Worker:RevivalIntervalSeconds"] = "3600" });
        harness.Providers.ParserStatus = _ => "ERROR";
        await harness.StartAsync();

        var (_, jobId, _) = await harness.UploadAsync();
        var job = await harness.WaitForStateAsync(jobId, JobStates.Deadletter);

        job.Stage.Should().Be(Stages.Parsing);
        job.LastErrorCode.Should().Be("parser-job-failed");
        job.LastErrorMessage.Should().Contain("page 3 is damaged").And.Contain("set aside after");
        job.LastErrorRetryable.Should().BeTrue();
        job.RetryCount.Should().BeGreaterThan(3, "transient failures are limited by time (2 s here), not by MaxAttempts (3)");
        harness.Providers.Uploads.Should().Be(job.RetryCount + 1, "each retry uploads again instead of polling the failed parser job");
        (await harness.Database.EventsAsync(jobId)).Select(e => e.EventType).Should()
            .ContainInOrder(EventTypes.RetryScheduled, EventTypes.RetryScheduled, EventTypes.Deadlettered);
    }

    [Fact]
    public async Task A_document_the_parser_cannot_read_is_dead_lettered_at_once()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "fail_corrupt");
        harness.Providers.ParserStatus = _ => "ERROR";
        harness.Providers.ParserErrorCode = "CORRUPT_DOCUMENT";
        await harness.StartAsync();

        var (_, jobId, _) = await harness.UploadAsync();
        var job = await harness.WaitForStateAsync(jobId, JobStates.Deadletter);

        job.LastErrorCode.Should().Be("parser-rejected-document");
        job.LastErrorMessage.Should().Contain("CORRUPT_DOCUMENT").And.Contain("page 3 is damaged");
        job.RetryCount.Should().Be(0);
        harness.Providers.Uploads.Should().Be(1, "an unreadable document is not parsed again");
    }

    [Fact]
    public async Task Empty_parser_output_fails_validation_and_stores_no_chunks()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "fail_empty_parse");
        harness.Providers.Markdown = "  \n\n ";
        await harness.StartAsync();

        var (documentId, jobId, _) = await harness.UploadAsync();
        var job = await harness.WaitForStateAsync(jobId, JobStates.Deadletter);

        job.Stage.Should().Be(Stages.Parsed);
        job.LastErrorCode.Should().Be("parsed-content-empty");
        (await harness.Database.ScalarAsync<long>("SELECT count(*) FROM upload_pipeline.document_chunks WHERE document_id = @id", ("id", documentId)))
            .Should().Be(0);
    }
}
