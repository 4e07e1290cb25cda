using BaseWorker.Tests.Support;
using FluentAssertions;
using Pipeline.Core;
using Pipeline.Core.Errors;
using Pipeline.Core.Storage;
using Pipeline.TestKit;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace BaseWorker.Tests;

/// <summary>
/// Each provider error code of the catalogue produced by its real cause: the worker, built as in
/// production, talks over HTTP to the repository's mock LlamaParse and mock OpenAI, which answer as the
/// vendors do (a 429, a stalled answer, JSON cut off, a refused key, a 400 or 404 for a wrong setting).
/// Each test checks what the catalogue promises: the code, whether it is retried, the message for
/// people, and that nothing is half-stored.
/// </summary>
public sealed class ProviderErrorTests(PostgresServer server)
{
    private const string ParserUpload = "/api/v1/parsing/upload";

    [Theory]
    [InlineData(2000)]
    [InlineData(null)]
    public async Task A_rate_limited_parser_upload_is_retried_after_the_wait_it_asks_for_and_the_document_is_embedded(int? retryAfterMs)
    {
        await using var mocks = await VendorMocks.StartAsync();
        await using var harness = await StartWorkerAsync(mocks, "parser_429");
        await mocks.FaultParserAsync(new { kind = "rate-limit", count = 1, retryAfterMs });

        var jobId = await UploadPolicyAsync(harness);
        if (retryAfterMs is not null)
        {
            var waiting = await harness.WaitForStateAsync(jobId, JobStates.Retryable);
            (waiting.NextAttemptAt - waiting.UpdatedAt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1900),
                "the parser's Retry-After (2 s) wins over the worker's 20-100 ms backoff");
        }

        var done = await ExpectRetriedThroughAsync(harness, jobId, "parser-rate-limited", "429");
        (await mocks.ParserRequestsAsync(ParserUpload)).Should().Be(2, "one refused upload, one accepted");
        done.RetryCount.Should().Be(1);
    }

    [Theory]
    [InlineData("parser", "latency", "LlamaParse:TimeoutSeconds", "parser-timeout", "did not answer in time")]
    [InlineData("parser", "malformed", null, "parser-malformed-response", "not JSON")]
    [InlineData("openai", "latency", "OpenAI:TimeoutSeconds", "openai-timeout", "did not answer in time")]
    [InlineData("openai", "malformed", null, "openai-malformed-response", "could not be read")]
    public async Task A_provider_answer_too_late_or_cut_off_is_retried_under_its_own_code_and_the_document_is_embedded(
        string provider, string fault, string? timeoutSetting, string code, string messagePart)
    {
        await using var mocks = await VendorMocks.StartAsync();
        // "latency": the answer comes 4 s after a 1 s client timeout; "malformed": a 200 whose JSON stops midway.
        var settings = timeoutSetting is null ? [] : new[] { (timeoutSetting, (string?)"1") };
        await using var harness = await StartWorkerAsync(mocks, $"{provider}_{fault}", settings);
        var spec = new { kind = fault, count = 1, latencyMs = fault == "latency" ? 4000 : (int?)null };
        await (provider == "parser" ? mocks.FaultParserAsync(spec) : mocks.FaultOpenAiAsync(spec));

        var jobId = await UploadPolicyAsync(harness);

        await ExpectRetriedThroughAsync(harness, jobId, code, messagePart);
    }

    [Fact]
    public async Task A_parser_key_the_parser_refuses_sets_the_document_aside_at_once_without_naming_the_key()
    {
        await using var mocks = await VendorMocks.StartAsync();
        // A key checked at start would stop the worker (ProviderKeyCheck); this is the key revoked after it.
        await using var harness = await StartWorkerAsync(mocks, "parser_401",
            ("LlamaParse:ApiKey", "revoked-key-0123456789"), ("Worker:VerifyProviderKeysAtStart", "false"));

        var jobId = await UploadPolicyAsync(harness);

        var job = await ExpectSetAsideAsync(harness, jobId, "parser-unauthorized", "refused the API key (401)");
        job.Stage.Should().Be(Stages.Parsing);
        job.LastErrorMessage.Should().NotContain("revoked-key-0123456789");
        (await mocks.ParserRequestsAsync(ParserUpload)).Should().Be(1, "a refused key is not tried again");
    }

    [Fact]
    public async Task A_vector_size_the_model_cannot_give_is_a_bad_request_that_sets_the_document_aside_at_once()
    {
        await using var mocks = await VendorMocks.StartAsync();
        // text-embedding-3-small gives at most 1536 dimensions; OpenAI answers 400 invalid_value to more.
        await using var harness = await StartWorkerAsync(mocks, "openai_400", ("OpenAI:Dimensions", "4096"));

        var jobId = await UploadPolicyAsync(harness);

        await ExpectSetAsideAsync(harness, jobId, "openai-bad-request", "dimensions");
        (await mocks.OpenAiRequestsAsync("/v1/embeddings")).Should().Be(1, "a request OpenAI refuses is not sent again");
    }

    [Fact]
    public async Task A_route_openai_does_not_serve_is_a_failed_request_that_sets_the_document_aside_at_once()
    {
        await using var mocks = await VendorMocks.StartAsync();
        // A base URL copied from a proxy's configuration, path prefix and all: OpenAI answers 404 "Invalid URL",
        // a 4xx no retry can change. (A misspelt model never gets that far: the budget has no price for it.)
        await using var harness = await StartWorkerAsync(mocks, "openai_404", ("OpenAI:BaseUrl", mocks.OpenAiUrl + "/openai"));

        var jobId = await UploadPolicyAsync(harness);

        await ExpectSetAsideAsync(harness, jobId, "openai-request-failed", "Invalid URL (POST /openai/v1/embeddings)");
        (await mocks.OpenAiRequestsAsync("/openai/v1/embeddings")).Should().Be(1, "a request OpenAI refuses is not sent again");
    }

    private async Task<WorkerHarness> StartWorkerAsync(VendorMocks mocks, string name, params (string Key, string? Value)[] settings)
    {
        var harness = await WorkerHarness.CreateAsync(server, name, mocks.WorkerSettings(settings));
        // Faults are armed after start, so the worker's key check at start does not use them up.
        await harness.StartAsync();
        return harness;
    }

    /// <summary>Stores a real one-page policy PDF the way the api-server does and queues its job.</summary>
    private static async Task<Guid> UploadPolicyAsync(WorkerHarness harness)
    {
        var policy = TestDocuments.Get(TestDocuments.InsurancePolicy);
        var documentId = Guid.NewGuid();
        var path = await harness.Service<DocumentStorage>().SaveUploadAsync(documentId, ".pdf", new MemoryStream(policy.Bytes), CancellationToken.None);
        var (_, jobId, _) = await harness.Database.SeedJobAsync(path, policy.FileName, documentId);
        return jobId;
    }

    /// <summary>A transient cause: retried, then the document is embedded; the retry stays on record in the timeline.</summary>
    private static async Task<JobRow> ExpectRetriedThroughAsync(WorkerHarness harness, Guid jobId, string code, string messagePart)
    {
        ErrorCatalogue.Find(code)!.Retryable.Should().BeTrue($"the catalogue promises {code} is retried");
        var done = await harness.WaitForDoneAsync(jobId);

        done.State.Should().Be(JobStates.Done, $"{code} is transient and the fault struck once");
        done.LastErrorCode.Should().BeNull("the job recovered from it");
        var retryMessage = await harness.Database.ScalarAsync<string?>("""
            SELECT detail->>'message' FROM upload_pipeline.events
            WHERE job_id = @id AND event_type = 'retry_scheduled' AND detail->>'code' = @code AND (detail->>'retryable')::boolean
            ORDER BY event_id LIMIT 1
            """, ("id", jobId), ("code", code));
        retryMessage.Should().Contain(messagePart, $"the timeline keeps the retry of {code} with its message");
        done.RetryCount.Should().BeGreaterThanOrEqualTo(1);
        (await ChunksOfJobAsync(harness, jobId)).Should().BePositive("the retried document is embedded in the end");
        return done;
    }

    /// <summary>A permanent cause: set aside at once, with its reason, and no vectors stored.</summary>
    private static async Task<JobRow> ExpectSetAsideAsync(WorkerHarness harness, Guid jobId, string code, string messagePart)
    {
        ErrorCatalogue.Find(code)!.Retryable.Should().BeFalse($"the catalogue promises {code} is not retried");
        var job = await harness.WaitForStateAsync(jobId, JobStates.Deadletter);

        job.LastErrorCode.Should().Be(code);
        job.LastErrorRetryable.Should().BeFalse();
        job.LastErrorMessage.Should().Contain(messagePart);
        job.RetryCount.Should().Be(0, "a permanent error is not retried");
        (await ChunksOfJobAsync(harness, jobId)).Should().Be(0, "a set-aside document has no stored chunks");
        return job;
    }

    private static Task<long> ChunksOfJobAsync(WorkerHarness harness, Guid jobId) =>
        harness.Database.ScalarAsync<long>("""
            SELECT count(*) FROM upload_pipeline.document_chunks c
            JOIN upload_pipeline.upload_jobs j ON j.document_id = c.document_id WHERE j.job_id = @id
            """, ("id", jobId));
}
