using Acceptance.Support.Configuration;
using Acceptance.Support.Recovery;

namespace Acceptance.StepDefinitions;

/// <summary>A worker asked to stop: it exits within its own shutdown deadline and hands its document back itself, with no lease left to run out.</summary>
[Binding]
public sealed class GracefulStopSteps(PipelineDatabaseDriver database, UploadedDocuments uploads, CrashContext crash, EvidenceRecorder evidence, SuiteOptions options)
{
    /// <summary>The worker's own shutdown deadline, as the suite configured it (stretched on a starved machine).</summary>
    private TimeSpan ShutdownDeadline => TimeSpan.FromSeconds(options.Local.ShutdownDeadlineSeconds);

    [Then("the worker stops within its shutdown deadline")]
    public void ThenTheWorkerStopsWithinItsDeadline()
    {
        var stop = crash.GracefulStop!;
        evidence.AttachJson("graceful-stop", new { stop.ExitedInTime, stop.ExitCode, seconds = stop.Took.TotalSeconds, deadlineSeconds = ShutdownDeadline.TotalSeconds });
        stop.ExitedInTime.Should().BeTrue("a worker asked to stop must finish or hand back its work and exit");
        stop.Took.Should().BeLessThanOrEqualTo(ShutdownDeadline, "a worker asked to stop exits within its own shutdown deadline");
        stop.ExitCode.Should().Be(0, "a requested stop is not a crash");
    }

    [Then("the worker handed {persona}'s copy back itself as it stopped, before any lease ran out")]
    public async Task ThenTheWorkerHandedTheCopyBack(Persona persona)
    {
        var jobId = uploads.Last.Outcome.JobId!;
        var askedAt = crash.StopAskedAt ?? throw new InvalidOperationException("No worker was asked to stop.");
        var releases = await database.WorkerEventsAsync(jobId, EventTypes.Released);
        var reclaims = await database.WorkerEventsAsync(jobId, EventTypes.LeaseReclaimed);
        evidence.AttachJson("hand-over", new
        {
            stoppingWorker = crash.Holder, askedAt, deadlineSeconds = ShutdownDeadline.TotalSeconds,
            releases = releases.Select(r => new { r.WorkerId, secondsAfterStop = (r.At - askedAt).TotalSeconds }),
            leaseReclaims = reclaims.Select(r => new { r.WorkerId, secondsAfterStop = (r.At - askedAt).TotalSeconds }),
        });
        var handBack = releases.FirstOrDefault(r => r.WorkerId == crash.Holder && r.At >= askedAt);
        handBack.Should().NotBeNull("the stopping worker {0}, asked to stop, must hand its document back itself: a '{1}' event of its own " +
            "after the stop (the job has {2} releases and {3} lease reclaims)", crash.Holder, EventTypes.Released, releases.Count, reclaims.Count);
        (handBack!.At - askedAt).Should().BeLessThanOrEqualTo(ShutdownDeadline, "the stopping worker must release the job within its shutdown deadline");
        reclaims.Should().BeEmpty("a document handed back is taken up at once, never reclaimed after its lease ran out");
    }
}
