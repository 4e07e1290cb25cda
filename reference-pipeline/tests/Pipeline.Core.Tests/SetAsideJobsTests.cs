using FluentAssertions;
using Pipeline.Core.Defects;
using Pipeline.Core.Errors;
using Pipeline.Core.Events;
using Pipeline.Core.Options;
using Pipeline.Core.Queue;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace Pipeline.Core.Tests;

/// <summary>Set-aside jobs go back to work when their dependency is healthy, when an operator asks, or when their bytes come again.</summary>
public sealed class SetAsideJobsTests(PostgresServer server)
{
    private static readonly TimeSpan LongLease = TimeSpan.FromMinutes(5);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly WorkerOptions Options = new() { BackoffBaseMs = 0, BackoffMaxMs = 0, RetryWindowSeconds = 60, MaxRevivals = 2 };

    private static async Task<(JobQueue Queue, SetAsideJobs SetAside)> SetUpAsync(TestDatabase db) =>
        await Task.FromResult((new JobQueue(db.DataSource, Options, random: new Random(7)), new SetAsideJobs(db.DataSource, Options)));

    /// <summary>Fails the job once, lets its window pass (by dating its start back), fails it again: set aside.</summary>
    private static async Task SetAsideAsync(TestDatabase db, JobQueue queue, Guid jobId, PipelineError error)
    {
        var job = await queue.ClaimAsync("worker-a", LongLease, Ct);
        var first = await queue.FailAsync(job!, error, Ct);
        if (!error.Retryable)
        {
            first.Deadlettered.Should().BeTrue();
            return;
        }
        first.Deadlettered.Should().BeFalse("the first failure starts the window");
        await using (var age = db.DataSource.CreateCommand(
            "UPDATE upload_pipeline.upload_jobs SET payload = payload || jsonb_build_object('failingSince', (now() - interval '2 minutes')::text) WHERE job_id = @id"))
        {
            age.Parameters.AddWithValue("id", jobId);
            await age.ExecuteNonQueryAsync(Ct);
        }
        var again = await queue.ClaimAsync("worker-a", LongLease, Ct);
        (await queue.FailAsync(again!, error, Ct)).Deadlettered.Should().BeTrue("the window is spent");
    }

    [Fact]
    public async Task Only_jobs_set_aside_for_the_healthy_dependency_go_back_to_work()
    {
        await using var db = await TestDatabase.CreateAsync(server, "aside_revive");
        var (queue, setAside) = await SetUpAsync(db);
        var (_, parserJob, _) = await db.SeedJobAsync();
        await SetAsideAsync(db, queue, parserJob, PipelineError.Transient("parser-unavailable", "The parser answered 503."));
        var (_, openAiJob, _) = await db.SeedJobAsync();
        await SetAsideAsync(db, queue, openAiJob, PipelineError.Transient("openai-unavailable", "OpenAI answered 503."));

        var revived = await setAside.ReviveAsync(ErrorDependencies.Parser, "a parse passed", "worker-b", 100, Ct);

        revived.Select(r => r.JobId).Should().Equal(parserJob);
        (await db.JobAsync(parserJob)).State.Should().Be(JobStates.Queued);
        (await db.JobAsync(openAiJob)).State.Should().Be(JobStates.Deadletter, "OpenAI has not proven healthy");
        (await db.EventsAsync(parserJob)).Select(e => e.EventType).Should().EndWith(EventTypes.Requeued);
    }

    [Fact]
    public async Task A_revived_job_whose_dependency_still_fails_is_set_aside_again_at_once_and_revived_at_most_max_revivals_times()
    {
        await using var db = await TestDatabase.CreateAsync(server, "aside_again");
        var (queue, setAside) = await SetUpAsync(db);
        var (_, jobId, _) = await db.SeedJobAsync();
        await SetAsideAsync(db, queue, jobId, PipelineError.Transient("parser-job-failed", "The parser reported ERROR."));

        for (var revival = 1; revival <= 2; revival++)
        {
            (await setAside.ReviveAsync(ErrorDependencies.Parser, "probe", "worker-b", 1, Ct)).Should().ContainSingle();
            var job = await queue.ClaimAsync("worker-a", LongLease, Ct);
            (await queue.FailAsync(job!, PipelineError.Transient("parser-job-failed", "The parser reported ERROR."), Ct))
                .Deadlettered.Should().BeTrue("its retry window was spent before it was revived");
        }

        (await setAside.ReviveAsync(ErrorDependencies.Parser, "probe", "worker-b", 1, Ct)).Should().BeEmpty(
            "after MaxRevivals only an operator or a re-upload sends it back");
        (await db.JobAsync(jobId)).State.Should().Be(JobStates.Deadletter);
    }

    [Fact]
    public async Task Probes_that_find_the_dependency_still_down_never_use_up_the_revivals()
    {
        await using var db = await TestDatabase.CreateAsync(server, "aside_probe");
        var (queue, setAside) = await SetUpAsync(db);
        var (_, jobId, _) = await db.SeedJobAsync();
        await SetAsideAsync(db, queue, jobId, PipelineError.Transient("parser-unavailable", "The parser answered 503."));

        for (var probe = 1; probe <= 5; probe++)
        {
            (await setAside.ReviveAsync(ErrorDependencies.Parser, "probe", "worker-b", 1, Ct, probe: true)).Should().ContainSingle(
                $"probe {probe}: an outage of any length leaves the job revivable");
            var job = await queue.ClaimAsync("worker-a", LongLease, Ct);
            (await queue.FailAsync(job!, PipelineError.Transient("parser-unavailable", "The parser answered 503."), Ct)).Deadlettered.Should().BeTrue();
        }

        (await setAside.ReviveAsync(ErrorDependencies.Parser, "a parse passed", "worker-b", 10, Ct)).Select(r => r.JobId).Should().Equal(jobId);
    }

    [Fact]
    public async Task A_probe_is_no_attempt_of_the_job_but_a_revival_on_proof_of_health_is()
    {
        await using var db = await TestDatabase.CreateAsync(server, "aside_probe_attempts");
        var (queue, setAside) = await SetUpAsync(db);
        var (_, jobId, _) = await db.SeedJobAsync();
        var outage = PipelineError.Transient("parser-unavailable", "The parser answered 503.");
        await SetAsideAsync(db, queue, jobId, outage);
        var attemptsWhenSetAside = (await db.JobAsync(jobId)).AttemptCount;

        for (var probe = 1; probe <= 3; probe++)
        {
            (await setAside.ReviveAsync(ErrorDependencies.Parser, "probe", "worker-b", 1, Ct, probe: true)).Should().ContainSingle();
            var probing = await queue.ClaimAsync("worker-a", LongLease, Ct);
            probing!.ProbeOf.Should().Be(ErrorDependencies.Parser, "the worker learns the claim probes the parser");
            (await queue.FailAsync(probing, outage, Ct)).Deadlettered.Should().BeTrue();
        }
        (await db.JobAsync(jobId)).AttemptCount.Should().Be(attemptsWhenSetAside, "probing the parser through an outage is not working on the job");

        await setAside.ReviveAsync(ErrorDependencies.Parser, "a parse passed", "worker-b", 10, Ct);
        var revived = await queue.ClaimAsync("worker-a", LongLease, Ct);

        revived!.ProbeOf.Should().BeNull();
        revived.AttemptCount.Should().Be(attemptsWhenSetAside + 1, "a revival on proof of health is a new attempt");
    }

    [Fact]
    public async Task A_job_set_aside_for_a_defect_of_the_workers_says_an_operator_requeues_it_and_is_never_revived_by_itself()
    {
        await using var db = await TestDatabase.CreateAsync(server, "aside_defect");
        var (queue, setAside) = await SetUpAsync(db);
        var (_, defectJob, _) = await db.SeedJobAsync();
        await SetAsideAsync(db, queue, defectJob, PipelineError.Transient("internal-error", "The pipeline's own code failed."));
        var (_, outageJob, _) = await db.SeedJobAsync();
        await SetAsideAsync(db, queue, outageJob, PipelineError.Transient("parser-unavailable", "The parser answered 503."));

        (await db.JobAsync(defectJob)).LastErrorMessage.Should().Contain("an operator requeues it once the cause is fixed")
            .And.NotContain("by itself", "nothing probes or revives jobs waiting for a fix of the workers");
        (await db.JobAsync(outageJob)).LastErrorMessage.Should().Contain("goes back to work by itself");
        foreach (var dependency in ErrorDependencies.RevivedByThemselves)
            (await setAside.ReviveAsync(dependency, "probe", "worker-b", 10, Ct, probe: true)).Should().NotContain(r => r.JobId == defectJob);
    }

    [Fact]
    public async Task A_requeue_starts_a_fresh_retry_window_and_refuses_jobs_that_are_not_set_aside()
    {
        await using var db = await TestDatabase.CreateAsync(server, "aside_requeue");
        var (queue, _) = await SetUpAsync(db);
        var (_, jobId, _) = await db.SeedJobAsync();
        await SetAsideAsync(db, queue, jobId, PipelineError.Permanent("document-data-invalid", "The database refused the data."));
        await using var connection = await db.DataSource.OpenConnectionAsync(Ct);

        var requeued = await SetAsideJobs.RequeueAsync(connection, jobId, "requeued by an operator", "olga", Ct);

        requeued!.PreviousErrorCode.Should().Be("document-data-invalid");
        (await db.JobAsync(jobId)).State.Should().Be(JobStates.Queued);
        var job = await queue.ClaimAsync("worker-a", LongLease, Ct);
        job!.PayloadString(RetryStreak.SinceKey).Should().BeNull("the operator's requeue starts a fresh window");
        (await SetAsideJobs.RequeueAsync(connection, jobId, "twice", "olga", Ct)).Should().BeNull("a working job is not set aside");
    }
}
