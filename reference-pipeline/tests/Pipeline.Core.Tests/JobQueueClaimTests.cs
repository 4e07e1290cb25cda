using System.Collections.Concurrent;
using FluentAssertions;
using Pipeline.Core.Defects;
using Pipeline.Core.Events;
using Pipeline.Core.Options;
using Pipeline.Core.Providers;
using Pipeline.Core.Queue;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace Pipeline.Core.Tests;

public sealed class JobQueueClaimTests(PostgresServer server)
{
    private static readonly TimeSpan LongLease = TimeSpan.FromMinutes(5);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JobQueue QueueFor(TestDatabase db, WorkerOptions? options = null) =>
        new(db.DataSource, options ?? new WorkerOptions(), QueueDefects.Rules(PipelineDefects.FromEnvironment()));

    [Fact]
    public async Task Many_concurrent_claimers_never_claim_a_leased_job_twice()
    {
        await using var db = await TestDatabase.CreateAsync(server, "claim_concurrent");
        const int jobs = 200;
        for (var i = 0; i < jobs; i++) await db.SeedJobAsync();
        var queue = QueueFor(db);
        var claims = new ConcurrentBag<(Guid JobId, string Worker)>();

        var claimers = Enumerable.Range(1, 8).Select(worker => Task.Run(async () =>
        {
            while (await queue.ClaimAsync($"worker-{worker}", LongLease, Ct) is { } job) claims.Add((job.JobId, $"worker-{worker}"));
        }));
        await Task.WhenAll(claimers);

        claims.Should().HaveCount(jobs);
        claims.Select(c => c.JobId).Should().OnlyHaveUniqueItems("a job under a live lease is never handed out again");
        claims.Select(c => c.Worker).Distinct().Should().HaveCountGreaterThan(1, "the claimers ran concurrently");
        (await db.ScalarAsync<long>("SELECT count(*) FROM upload_pipeline.upload_jobs WHERE state = 'working' AND attempt_count = 1 AND lease_token = 1"))
            .Should().Be(jobs);
    }

    [Fact]
    public async Task An_expired_lease_is_reclaimed_and_counted_and_the_old_holder_is_fenced_out()
    {
        await using var db = await TestDatabase.CreateAsync(server, "claim_reclaim");
        var (_, jobId, _) = await db.SeedJobAsync();
        var queue = QueueFor(db);

        // A lease that is already over: the holder "crashed" without renewing.
        var crashed = await queue.ClaimAsync("worker-a", TimeSpan.FromSeconds(-1), Ct);
        var resumed = await queue.ClaimAsync("worker-b", LongLease, Ct);

        crashed.Should().NotBeNull();
        resumed.Should().NotBeNull("an expired lease must be reclaimed");
        resumed!.JobId.Should().Be(jobId);
        resumed.Reclaimed.Should().BeTrue();
        resumed.LeaseToken.Should().Be(crashed!.LeaseToken + 1);
        resumed.AttemptCount.Should().Be(2);
        resumed.RetryCount.Should().Be(1, "the crashed attempt counts");
        (await db.EventsAsync(jobId)).Should().Contain(e => e.EventType == EventTypes.LeaseReclaimed);

        var lateCommit = () => queue.CommitStageAsync(crashed, Stages.Parsing, JobStates.Working,
            new System.Text.Json.Nodes.JsonObject { ["writtenBy"] = "worker-a" }, ct: Ct);
        await lateCommit.Should().ThrowAsync<LeaseLostException>();
        (await queue.RenewLeaseAsync(crashed, Ct)).Should().Be(LeaseRenewal.TakenOver);
        await FluentActions.Awaiting(() => queue.FailAsync(crashed, PipelineError.Transient("x", "late failure"), Ct))
            .Should().ThrowAsync<LeaseLostException>();

        var row = await db.JobAsync(jobId);
        row.Stage.Should().Be(Stages.JobValidated, "the old holder's commit changed nothing");
        row.State.Should().Be(JobStates.Working);
        row.ClaimedBy.Should().Be("worker-b");
        row.Payload.Should().NotContain("writtenBy");
        (await db.EventsAsync(jobId)).Should().NotContain(e => e.EventType == EventTypes.StageTransition && e.Stage == Stages.Parsing);

        var committed = await queue.CommitStageAsync(resumed, Stages.Parsing, JobStates.Working, ct: Ct);
        committed.Stage.Should().Be(Stages.Parsing, "the current holder still commits");
    }

    [Fact]
    public async Task A_job_whose_workers_keep_crashing_is_dead_lettered_after_max_attempts()
    {
        await using var db = await TestDatabase.CreateAsync(server, "claim_poison");
        var (_, jobId, _) = await db.SeedJobAsync();
        var queue = QueueFor(db, new WorkerOptions { MaxAttempts = 3 });
        var expired = TimeSpan.FromSeconds(-1);

        var claims = new List<ClaimedJob?>();
        for (var crash = 0; crash < 4; crash++) claims.Add(await queue.ClaimAsync($"worker-{crash}", expired, Ct));

        claims.Take(3).Should().OnlyContain(c => c != null && c.JobId == jobId, "the first crashes are retried");
        claims[3].Should().BeNull("the third crash used up the attempts");
        var row = await db.JobAsync(jobId);
        row.State.Should().Be(JobStates.Deadletter);
        row.LastErrorCode.Should().Be("lease-expired");
        row.LastErrorMessage.Should().Contain("stopped renewing its lease 3 times");
        (await db.EventsAsync(jobId)).Select(e => e.EventType).Should().EndWith([EventTypes.LeaseReclaimed, EventTypes.Deadlettered]);
    }

    [Fact]
    public async Task A_live_lease_is_not_reclaimed_and_renewal_keeps_it()
    {
        await using var db = await TestDatabase.CreateAsync(server, "claim_live");
        await db.SeedJobAsync();
        var queue = QueueFor(db);

        var held = await queue.ClaimAsync("worker-a", LongLease, Ct);

        (await queue.ClaimAsync("worker-b", LongLease, Ct)).Should().BeNull();
        (await queue.RenewLeaseAsync(held!, Ct)).Should().Be(LeaseRenewal.Renewed);
    }

    [Fact]
    public async Task A_commit_writes_stage_payload_and_event_in_one_transaction()
    {
        await using var db = await TestDatabase.CreateAsync(server, "claim_commit");
        var (_, jobId, _) = await db.SeedJobAsync();
        var queue = QueueFor(db);
        var job = await queue.ClaimAsync("worker-a", LongLease, Ct);

        var failingWrite = () => queue.BeginStageCommit(job!, Stages.Parsing, JobStates.Working)
            .Storing((_, _, _) => throw new InvalidOperationException("disk full")).CommitAsync(Ct);
        await failingWrite.Should().ThrowAsync<InvalidOperationException>();
        (await db.JobAsync(jobId)).Stage.Should().Be(Stages.JobValidated, "the stage rolls back with its write");

        var next = await queue.CommitStageAsync(job!, Stages.Parsing, JobStates.Working,
            new System.Text.Json.Nodes.JsonObject { ["parserJobId"] = "p-1" }, ct: Ct);

        next.PayloadString("parserJobId").Should().Be("p-1");
        (await db.JobAsync(jobId)).Stage.Should().Be(Stages.Parsing);
        (await db.EventsAsync(jobId)).Should().ContainSingle(e => e.EventType == EventTypes.StageTransition && e.Stage == Stages.Parsing);
    }

    [Fact]
    public async Task A_released_job_is_queued_again_without_counting_a_failure()
    {
        await using var db = await TestDatabase.CreateAsync(server, "claim_release");
        var (_, jobId, _) = await db.SeedJobAsync();
        var queue = QueueFor(db);
        var job = await queue.ClaimAsync("worker-a", LongLease, Ct);

        (await queue.ReleaseAsync(job!, Ct)).Should().BeTrue();

        var row = await db.JobAsync(jobId);
        row.State.Should().Be(JobStates.Queued);
        row.RetryCount.Should().Be(0);
        row.ClaimedBy.Should().BeNull();
        (await queue.ClaimAsync("worker-b", LongLease, Ct))!.JobId.Should().Be(jobId);
    }

    [Fact]
    public async Task A_job_waiting_for_the_parser_sleeps_until_a_webhook_with_its_token_wakes_it()
    {
        await using var db = await TestDatabase.CreateAsync(server, "claim_parser_wait");
        var (_, jobId, _) = await db.SeedJobAsync();
        var queue = QueueFor(db, new WorkerOptions { ParsePollSeconds = 300 });
        var job = await queue.ClaimAsync("worker-a", LongLease, Ct);
        job = await queue.CommitStageAsync(job!, Stages.Parsing, JobStates.Working, ct: Ct);
        var token = ParserWebhooks.NewToken();
        await ParserWebhooks.RecordTokenAsync(db.DataSource, job, ParserWebhooks.HashHex(token), Ct);

        await queue.WaitForParserAsync(job, new System.Text.Json.Nodes.JsonObject { ["parserJobId"] = "parse-42" }, Ct);

        (await queue.ClaimAsync("worker-b", LongLease, Ct)).Should().BeNull("the job waits for the parser, blocking no worker");
        await using (var connection = await db.DataSource.OpenConnectionAsync(Ct))
        {
            (await ParserWebhooks.WakeAsync(connection, jobId, ParserWebhooks.NewToken(), 10, Ct)).Verdict
                .Should().Be(WebhookVerdict.Refused, "another token is not this job's");
            (await ParserWebhooks.WakeAsync(connection, jobId, token, 10, Ct)).Verdict.Should().Be(WebhookVerdict.Woken);
        }
        var woken = await queue.ClaimAsync("worker-b", LongLease, Ct);
        woken!.JobId.Should().Be(jobId);
        woken.Stage.Should().Be(Stages.Parsing);
        woken.PayloadString("parserJobId").Should().Be("parse-42");
        woken.PayloadString(ParserWebhooks.TokenHashKey).Should().Be(ParserWebhooks.HashHex(token)).And.NotBe(token);
        (await db.EventsAsync(jobId)).Select(e => e.EventType).Should()
            .ContainInOrder(EventTypes.WaitingForParser, EventTypes.WebhookReceived);
    }

    [Fact]
    public async Task A_webhook_for_a_job_that_was_given_no_token_wakes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(server, "claim_parser_stray");
        var (_, jobId, _) = await db.SeedJobAsync();
        await using var connection = await db.DataSource.OpenConnectionAsync(Ct);

        (await ParserWebhooks.WakeAsync(connection, jobId, ParserWebhooks.NewToken(), 10, Ct)).RefusalReason.Should().Be("no-token-issued");

        (await db.EventsAsync(jobId)).Select(e => e.EventType).Should().NotContain(EventTypes.WebhookReceived);
    }

    [Fact]
    public async Task A_new_job_is_queued_with_its_upload_and_first_transition_events()
    {
        await using var db = await TestDatabase.CreateAsync(server, "enqueue_events");

        var (_, jobId, _) = await db.SeedJobAsync();

        var row = await db.JobAsync(jobId);
        (row.Stage, row.State).Should().Be((Stages.JobValidated, JobStates.Queued));
        (await db.EventsAsync(jobId)).Should().Equal(
            (EventTypes.UploadReceived, Stages.JobValidated, JobStates.Queued),
            (EventTypes.StageTransition, Stages.JobValidated, JobStates.Queued));
    }
}
