using FluentAssertions;
using Pipeline.Core.Defects;
using Pipeline.Core.Events;
using Pipeline.Core.Options;
using Pipeline.Core.Queue;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Core.Tests;

public sealed class JobQueueFailureTests(PostgresServer server)
{
    private static readonly TimeSpan LongLease = TimeSpan.FromMinutes(5);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JobQueue QueueFor(TestDatabase db, WorkerOptions options) =>
        new(db.DataSource, options, PipelineDefects.FromEnvironment(), new Random(7));

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
    public async Task The_job_is_dead_lettered_after_max_attempts_with_a_clear_error()
    {
        await using var db = await TestDatabase.CreateAsync(server, "fail_max_attempts");
        var (_, jobId, _) = await db.SeedJobAsync();
        var queue = QueueFor(db, new WorkerOptions { BackoffBaseMs = 0, BackoffMaxMs = 0, MaxAttempts = 3 });
        var outcomes = new List<FailureOutcome>();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var job = await queue.ClaimAsync("worker-a", LongLease, Ct);
            job.Should().NotBeNull($"attempt {attempt} is due at once with zero backoff");
            outcomes.Add(await queue.FailAsync(job!, PipelineError.Transient("parser-job-failed", "The parser reported ERROR."), Ct));
        }

        outcomes.Select(o => o.Deadlettered).Should().Equal(false, false, true);
        var row = await db.JobAsync(jobId);
        row.State.Should().Be(JobStates.Deadletter);
        row.AttemptCount.Should().Be(3);
        row.LastErrorCode.Should().Be("parser-job-failed");
        row.LastErrorMessage.Should().Contain("gave up after 3 failed attempts");
        (await db.EventsAsync(jobId)).Select(e => e.EventType).Should()
            .ContainInOrder(EventTypes.RetryScheduled, EventTypes.RetryScheduled, EventTypes.Deadlettered);
        (await queue.ClaimAsync("worker-a", LongLease, Ct)).Should().BeNull("a dead letter is never claimed");
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
