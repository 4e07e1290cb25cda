using FluentAssertions;
using Pipeline.Core.Defects;
using Pipeline.Core.Events;
using Pipeline.Core.Options;
using Pipeline.Core.Queue;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace Pipeline.Core.Tests;

public sealed class JobQueueFailureTests(PostgresServer server)
{
    private static readonly TimeSpan LongLease = TimeSpan.FromMinutes(5);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JobQueue QueueFor(TestDatabase db, WorkerOptions options) =>
        new(db.DataSource, options, QueueDefects.Rules(PipelineDefects.FromEnvironment()), new Random(7));

    [Fact]
    public async Task A_retryable_failure_schedules_the_next_attempt_within_the_backoff_ceiling()
    {
        await using var db = await TestDatabase.CreateAsync(server, "fail_backoff");
        var (_, jobId, _) = await db.SeedJobAsync();
        var queue = QueueFor(db, new WorkerOptions { BackoffBaseMs = 20_000, BackoffMaxMs = 600_000, MaxAttempts = 5 });
        var job = await queue.ClaimAsync("worker-a", LongLease, Ct);

        var outcome = await queue.FailAsync(job!, PipelineError.Transient("parser-unavailable", "The parser answered 503."), Ct);

        outcome.Deadlettered.Should().BeFalse();
        outcome.Delay.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(20));
        var row = await db.JobAsync(jobId);
        row.State.Should().Be(JobStates.Retryable);
        row.RetryCount.Should().Be(1);
        row.LastErrorCode.Should().Be("parser-unavailable");
        row.LastErrorRetryable.Should().BeTrue();
        row.SecondsUntilNextAttempt.Should().BeInRange(-1, 20);
        (await db.EventsAsync(jobId)).Should().ContainSingle(e => e.EventType == EventTypes.RetryScheduled);
        (await queue.ClaimAsync("worker-b", LongLease, Ct)).Should().BeNull("the retry waits for its backoff unless it was ~0");
    }

    [Fact]
    public async Task A_stage_that_passes_after_a_failure_clears_the_last_error_and_the_timeline_keeps_it()
    {
        await using var db = await TestDatabase.CreateAsync(server, "fail_recovered");
        var (_, jobId, _) = await db.SeedJobAsync();
        var queue = QueueFor(db, new WorkerOptions { BackoffBaseMs = 0, BackoffMaxMs = 0, MaxAttempts = 5 });
        await queue.FailAsync((await queue.ClaimAsync("worker-a", LongLease, Ct))!, PipelineError.Transient("parser-unavailable", "The parser answered 503."), Ct);
        var retried = await queue.ClaimAsync("worker-a", LongLease, Ct);

        await queue.CommitStageAsync(retried!, Stages.Parsing, JobStates.Working, ct: Ct);

        var row = await db.JobAsync(jobId);
        (row.LastErrorCode, row.LastErrorMessage, row.LastErrorRetryable).Should().Be((null, null, null),
            "the job recovered: an error it no longer has would tell its owner it is still stuck");
        (await db.EventsAsync(jobId)).Should().ContainSingle(e => e.EventType == EventTypes.RetryScheduled, "the history stays in the timeline");
    }

    [Fact]
    public async Task A_providers_retry_after_wins_over_a_shorter_backoff()
    {
        await using var db = await TestDatabase.CreateAsync(server, "fail_retry_after");
        var (_, jobId, _) = await db.SeedJobAsync();
        var queue = QueueFor(db, new WorkerOptions { BackoffBaseMs = 10, BackoffMaxMs = 100, MaxAttempts = 5 });
        var job = await queue.ClaimAsync("worker-a", LongLease, Ct);

        await queue.FailAsync(job!, PipelineError.Transient("openai-rate-limited", "429", TimeSpan.FromSeconds(30)), Ct);

        (await db.JobAsync(jobId)).SecondsUntilNextAttempt.Should().BeGreaterThan(29, "Retry-After: 30 must be honoured");
        (await queue.ClaimAsync("worker-b", LongLease, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task A_transient_failure_is_retried_however_often_until_its_retry_window_ends_then_set_aside()
    {
        await using var db = await TestDatabase.CreateAsync(server, "fail_window");
        var (_, jobId, _) = await db.SeedJobAsync();
        var queue = QueueFor(db, new WorkerOptions { BackoffBaseMs = 0, BackoffMaxMs = 0, MaxAttempts = 3, RetryWindowSeconds = 3600 });

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var job = await queue.ClaimAsync("worker-a", LongLease, Ct);
            job.Should().NotBeNull($"attempt {attempt} is due at once with zero backoff");
            (await queue.FailAsync(job!, PipelineError.Transient("parser-unavailable", "The parser answered 503."), Ct))
                .Deadlettered.Should().BeFalse($"failure {attempt} is well inside the hour's window; MaxAttempts counts lost leases only");
        }
        // The job has been failing for longer than its window.
        await using (var age = db.DataSource.CreateCommand(
            "UPDATE upload_pipeline.upload_jobs SET payload = payload || jsonb_build_object('failingSince', (now() - interval '2 hours')::text) WHERE job_id = @id"))
        {
            age.Parameters.AddWithValue("id", jobId);
            await age.ExecuteNonQueryAsync(Ct);
        }
        var last = await queue.ClaimAsync("worker-a", LongLease, Ct);
        var outcome = await queue.FailAsync(last!, PipelineError.Transient("parser-unavailable", "The parser answered 503."), Ct);

        outcome.Deadlettered.Should().BeTrue();
        var row = await db.JobAsync(jobId);
        row.State.Should().Be(JobStates.Deadletter);
        row.LastErrorCode.Should().Be("parser-unavailable");
        row.LastErrorRetryable.Should().BeTrue("set aside for a transient cause: it can go back to work");
        row.LastErrorMessage.Should().Contain("set aside after 11 failed attempts over 2 h").And.Contain("goes back to work by itself");
        (await queue.ClaimAsync("worker-a", LongLease, Ct)).Should().BeNull("a set-aside job is never claimed");
    }

    [Fact]
    public async Task A_failure_at_a_later_stage_starts_a_new_retry_window()
    {
        await using var db = await TestDatabase.CreateAsync(server, "fail_window_stage");
        await db.SeedJobAsync();
        var queue = QueueFor(db, new WorkerOptions { BackoffBaseMs = 0, BackoffMaxMs = 0, RetryWindowSeconds = 3600 });
        var job = await queue.ClaimAsync("worker-a", LongLease, Ct);
        await queue.FailAsync(job!, PipelineError.Transient("parser-unavailable", "503"), Ct);
        var first = RetryStreak.Of((await queue.ClaimAsync("worker-a", LongLease, Ct))!, DateTimeOffset.UtcNow);

        var later = RetryStreak.Of(job! with { Stage = Stages.Embedding, Payload = new System.Text.Json.Nodes.JsonObject
        {
            [RetryStreak.SinceKey] = first.Since.AddHours(-5).ToString("O"), [RetryStreak.StageKey] = Stages.JobValidated,
        } }, DateTimeOffset.UtcNow);

        first.Stage.Should().Be(Stages.JobValidated);
        later.Elapsed(DateTimeOffset.UtcNow).Should().BeLessThan(TimeSpan.FromSeconds(5), "the earlier stage's window does not carry over");
    }

    [Theory]
    [InlineData("openai-insufficient-quota")]
    [InlineData("openai-unauthorized")]
    [InlineData("parser-rejected-document")]
    public async Task A_non_retryable_failure_is_dead_lettered_at_once(string code)
    {
        await using var db = await TestDatabase.CreateAsync(server, "fail_permanent");
        var (_, jobId, _) = await db.SeedJobAsync();
        var queue = QueueFor(db, new WorkerOptions { BackoffBaseMs = 0, BackoffMaxMs = 0, MaxAttempts = 5 });
        var job = await queue.ClaimAsync("worker-a", LongLease, Ct);

        var outcome = await queue.FailAsync(job!, PipelineError.Permanent(code, "Not worth retrying."), Ct);

        outcome.Deadlettered.Should().BeTrue();
        var row = await db.JobAsync(jobId);
        row.State.Should().Be(JobStates.Deadletter);
        row.RetryCount.Should().Be(0);
        row.LastErrorCode.Should().Be(code);
        row.LastErrorRetryable.Should().BeFalse();
        (await db.EventsAsync(jobId)).Should().ContainSingle(e => e.EventType == EventTypes.Deadlettered);
    }
}
