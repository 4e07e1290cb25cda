using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Core.Defects;
using Pipeline.Core.Options;
using Pipeline.Core.Providers;
using Pipeline.Core.Queue;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace Pipeline.Core.Tests;

/// <summary>Waiting for the parser is parking, not failing; ready work wakes idle workers at once.</summary>
public sealed class ParserWaitAndWakeTests(PostgresServer server)
{
    private static readonly TimeSpan LongLease = TimeSpan.FromMinutes(5);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JobQueue QueueFor(TestDatabase db) =>
        new(db.DataSource, new WorkerOptions { ParsePollSeconds = 300 }, QueueDefects.Rules(PipelineDefects.FromEnvironment()));

    private static async Task<ClaimedJob> ParsingJobAsync(TestDatabase db, JobQueue queue)
    {
        await db.SeedJobAsync();
        var job = await queue.ClaimAsync("worker-a", LongLease, Ct);
        return await queue.CommitStageAsync(job!, Stages.Parsing, JobStates.Working, ct: Ct);
    }

    private static async Task<string> IssueWebhookTokenAsync(TestDatabase db, ClaimedJob job)
    {
        var token = ParserWebhooks.NewToken();
        await ParserWebhooks.RecordTokenAsync(db.DataSource, job, ParserWebhooks.HashHex(token), Ct);
        return token;
    }

    [Fact]
    public async Task Resuming_a_job_parked_for_the_parser_is_not_an_attempt_and_its_old_lease_is_handed_back_quietly()
    {
        await using var db = await TestDatabase.CreateAsync(server, "park_attempts");
        var queue = QueueFor(db);
        var job = await ParsingJobAsync(db, queue);
        var token = await IssueWebhookTokenAsync(db, job);
        await queue.RecordParserJobAsync(job, "parse-7", Ct);

        await queue.WaitForParserAsync(job, new JsonObject { ["parserJobId"] = "parse-7" }, Ct);

        (await queue.RenewLeaseAsync(job, Ct)).Should().Be(LeaseRenewal.HandedBack, "the worker parked the job itself: no takeover");
        await using (var connection = await db.DataSource.OpenConnectionAsync(Ct))
            (await ParserWebhooks.WakeAsync(connection, job.JobId, token, 0, Ct)).Verdict.Should().Be(WebhookVerdict.Woken);
        var resumed = await queue.ClaimAsync("worker-b", LongLease, Ct);
        resumed!.AttemptCount.Should().Be(job.AttemptCount, "waiting for the parser is not a failed attempt");
        resumed.RetryCount.Should().Be(0);
        resumed.Reclaimed.Should().BeFalse();
    }

    [Fact]
    public async Task A_webhook_that_arrives_before_the_job_is_parked_makes_the_park_due_at_once()
    {
        await using var db = await TestDatabase.CreateAsync(server, "park_early_webhook");
        var queue = QueueFor(db);
        var job = await ParsingJobAsync(db, queue);
        var token = await IssueWebhookTokenAsync(db, job);
        await queue.RecordParserJobAsync(job, "parse-8", Ct);

        await using (var connection = await db.DataSource.OpenConnectionAsync(Ct))
            (await ParserWebhooks.WakeAsync(connection, job.JobId, token, 0, Ct)).Verdict.Should().Be(WebhookVerdict.NotWaiting, "the job is still being worked on");
        await queue.WaitForParserAsync(job, null, Ct);

        var resumed = await queue.ClaimAsync("worker-b", LongLease, Ct);
        resumed.Should().NotBeNull("the parser already finished, so the job must not sleep for the poll interval");
        resumed!.JobId.Should().Be(job.JobId);
    }

    [Fact]
    public async Task Without_a_webhook_a_parked_job_sleeps_until_its_next_check()
    {
        await using var db = await TestDatabase.CreateAsync(server, "park_no_webhook");
        var queue = QueueFor(db);
        var job = await ParsingJobAsync(db, queue);
        await queue.RecordParserJobAsync(job, "parse-9", Ct);

        await queue.WaitForParserAsync(job, null, Ct);

        (await queue.ClaimAsync("worker-b", LongLease, Ct)).Should().BeNull("the parked job holds no worker until its next check");
        (await queue.NextDueInAsync(Ct)).Should().BeGreaterThan(TimeSpan.FromSeconds(200), "its next check is the poll interval away");
    }

    [Fact]
    public async Task An_upload_wakes_a_listening_worker_by_notification()
    {
        await using var db = await TestDatabase.CreateAsync(server, "wake_notify");
        var signal = new JobReadySignal(db.DataSource, NullLogger<JobReadySignal>.Instance);
        await signal.StartAsync(Ct);
        try
        {
            await Eventually.UntilAsync("the listener is connected", () => Task.FromResult(signal.Listening), listening => listening,
                TimeSpan.FromSeconds(20));
            var ticket = signal.Ticket;

            await db.SeedJobAsync();

            var woke = await JobReadySignal.WaitAsync(ticket, TimeSpan.FromSeconds(20), Ct);
            woke.Should().BeTrue();
            ticket.IsCompleted.Should().BeTrue("a new queued job notifies the listening workers");
        }
        finally
        {
            await signal.StopAsync(CancellationToken.None);
        }
    }
}
