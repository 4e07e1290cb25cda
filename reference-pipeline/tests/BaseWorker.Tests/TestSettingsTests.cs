using BaseWorker.Tests.Support;
using FluentAssertions;
using Pipeline.Core;
using Pipeline.Core.Defects;
using Pipeline.Core.Events;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace BaseWorker.Tests;

/// <summary>The worker's test-only defects and stage delays, each shown changing what the worker does.</summary>
public sealed class TestSettingsTests(PostgresServer server)
{
    private const string Testing = PipelineDefects.TestingEnvironment;

    [Fact]
    public async Task Forget_correlation_id_writes_the_workers_events_under_an_id_that_is_not_the_jobs()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "defect_correlation",
            Settings((PipelineDefects.EnvironmentVariable, PipelineDefects.ForgetCorrelationId)), Testing);
        harness.Providers.Markdown = SampleText.Policy(2);
        await harness.StartAsync();

        var (_, jobId, correlationId) = await harness.UploadAsync();
        (await harness.WaitForDoneAsync(jobId)).State.Should().Be(JobStates.Done);

        (await WorkerTransitionsAsync(harness, jobId, correlationId, sameCorrelation: true)).Should().Be(0);
        (await WorkerTransitionsAsync(harness, jobId, correlationId, sameCorrelation: false)).Should().BeGreaterThanOrEqualTo(8);
    }

    [Fact]
    public async Task Outside_Testing_the_defect_is_ignored_and_every_event_carries_the_jobs_correlation_id()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "defect_ignored",
            Settings((PipelineDefects.EnvironmentVariable, PipelineDefects.ForgetCorrelationId)), "Production");
        harness.Providers.Markdown = SampleText.Policy(2);
        await harness.StartAsync();

        var (_, jobId, correlationId) = await harness.UploadAsync();
        (await harness.WaitForDoneAsync(jobId)).State.Should().Be(JobStates.Done);

        (await WorkerTransitionsAsync(harness, jobId, correlationId, sameCorrelation: false)).Should().Be(0);
        (await WorkerTransitionsAsync(harness, jobId, correlationId, sameCorrelation: true)).Should().Be(8);
    }

    [Fact]
    public async Task Stall_in_chunking_keeps_the_job_in_chunking_until_the_shutdown_deadline_cancels_it()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "defect_stall", Settings(
            (PipelineDefects.EnvironmentVariable, PipelineDefects.StallInChunking), ("Worker:ShutdownDeadlineSeconds", "1")), Testing);
        harness.Providers.Markdown = SampleText.Policy(2);
        await harness.StartAsync();
        var (documentId, jobId, _) = await harness.UploadAsync();
        await Eventually.UntilAsync($"job {jobId} working in chunking", () => harness.Database.JobAsync(jobId),
            j => j is { Stage: Stages.Chunking, State: JobStates.Working }, TimeSpan.FromSeconds(20));

        await harness.Host.StopAsync(TestContext.Current.CancellationToken);

        harness.Logs.Contains($"did not finish {Stages.Chunking} before the shutdown deadline").Should().BeTrue(
            "chunking a few paragraphs takes milliseconds; only the stall outlasts a 1 s deadline");
        (await harness.Database.JobAsync(jobId)).Should().Match<JobRow>(j => j.Stage == Stages.Chunking && j.State == JobStates.Queued);
        (await harness.Database.ScalarAsync<long>("SELECT count(*) FROM upload_pipeline.document_chunk_buffer WHERE document_id = @id",
            ("id", documentId))).Should().Be(0);
    }

    [Fact]
    public async Task A_stage_delay_holds_the_job_visibly_working_in_that_stage_with_its_lease_renewed()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "stage_delays", Settings(
            (StageDelays.EnvironmentVariable, "parsing=1000,chunking=2000,embedding=1000"), ("Worker:LeaseSeconds", "1")), Testing);
        harness.Providers.Markdown = SampleText.Policy(2);
        await harness.StartAsync();
        var (_, jobId, _) = await harness.UploadAsync();

        await Eventually.UntilAsync("the parsing delay's log line", () => Task.FromResult(harness.Logs),
            logs => logs.Contains("Stage delay of 1000 ms in parsing (test setting)"), TimeSpan.FromSeconds(20));
        harness.Providers.Uploads.Should().Be(0, "the parsing delay comes before the upload to the parser");
        await Eventually.UntilAsync("the chunking delay's log line", () => Task.FromResult(harness.Logs),
            logs => logs.Contains("Stage delay of 2000 ms in chunking (test setting)"), TimeSpan.FromSeconds(20));
        var during = await harness.Database.JobAsync(jobId);
        (during.Stage, during.State, during.ClaimedBy).Should().Be((Stages.Chunking, JobStates.Working, "test-worker"));
        (await harness.Database.ScalarAsync<bool>("SELECT lease_expires_at > now() FROM upload_pipeline.upload_jobs WHERE job_id = @id",
            ("id", jobId))).Should().BeTrue("the worker holds the lease while it waits");

        (await harness.WaitForDoneAsync(jobId)).State.Should().Be(JobStates.Done);
        harness.Logs.Contains("Stage delay of 1000 ms in embedding (test setting)").Should().BeTrue();
        (await harness.Database.EventsAsync(jobId)).Should().NotContain(e => e.EventType == EventTypes.LeaseReclaimed,
            "a 1 s lease outlives a 2 s delay only because it is renewed");
        (await harness.Database.ScalarAsync<double>("""
            SELECT extract(epoch FROM max(created_at) FILTER (WHERE stage = 'chunks_buffered') - max(created_at) FILTER (WHERE stage = 'chunking'))::float8
            FROM upload_pipeline.events WHERE job_id = @id AND event_type = 'stage_transition'
            """, ("id", jobId))).Should().BeGreaterThanOrEqualTo(2.0);
    }

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] settings) =>
        settings.ToDictionary(s => s.Key, s => (string?)s.Value);

    /// <summary>Stage transitions the worker wrote (they name it), with or without the job's correlation id.</summary>
    private static Task<long> WorkerTransitionsAsync(WorkerHarness harness, Guid jobId, Guid correlationId, bool sameCorrelation) =>
        harness.Database.ScalarAsync<long>($"""
            SELECT count(*) FROM upload_pipeline.events
            WHERE job_id = @id AND event_type = 'stage_transition' AND worker_id IS NOT NULL
              AND correlation_id {(sameCorrelation ? "=" : "<>")} @correlation
            """, ("id", jobId), ("correlation", correlationId));
}
