using Acceptance.Support.Charts;
using Acceptance.Support.Environment;
using Acceptance.Support.Load;
using Acceptance.Support.Resources;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>Memory, threads, open files and connections of every service while the pipeline works.</summary>
[Binding]
public sealed class ResourceSteps(
    LoadRunner runner, LoadContext load, ServiceProcessTable processes, EvidenceRecorder evidence, LoadCharts charts, IUnitTestRuntimeProvider runtime)
{
    private ResourceProfile Profile => ResourceProfile.Of(load.Result.Samples, load.Result.DatabaseBefore, load.Result.Warmup);

    [Given("every service's resources are watched")]
    public void GivenEveryServicesResourcesAreWatched()
    {
        if (processes.CannotSampleBecause is { } reason) runtime.NotVerifiedOnThisTarget(TargetReadings.ServiceMetrics, reason);
    }

    [Then("neither the api-server nor any worker holds more than {int} MiB of memory at its peak")]
    public void ThenNoBoundedServiceHoldsMoreThan(int mebibytes)
    {
        var profile = Profile;
        evidence.AttachJson("service-resources", profile.AsEvidence());
        charts.AttachMemory(profile);
        var bounded = profile.Services.Where(s => ResourceProfile.IsBounded(s.Key)).ToList();
        bounded.Should().NotBeEmpty("the api-server and the workers must have been sampled");
        bounded.Should().OnlyContain(s => s.Value.PeakResidentMiB <= mebibytes,
            $"peak resident memory must stay under {mebibytes} MiB; saw {string.Join(", ", bounded.Select(s => $"{s.Key} {s.Value.PeakResidentMiB:0} MiB"))}");
    }

    [Then("the memory of neither the api-server nor any worker keeps growing after warm-up")]
    public void ThenNoServicesMemoryKeepsGrowing()
    {
        var limit = runner.Settings.Resources.MaxGrowthMiBPerMinute;
        var growth = MemoryGrowth.Of(Profile, load.Result.Warmup, limit);
        evidence.AttachJson("memory-growth-after-warm-up", new { limitMiBPerMinute = limit, services = growth });
        growth.Should().NotBeEmpty("the api-server and the workers must have been sampled");
        growth.Should().OnlyContain(g => g.Samples >= 10, "a slope needs samples across the measured period");
        string.Join(", ", growth.Where(g => g.KeepsGrowing)).Should().BeEmpty(
            $"after warm-up resident memory must not trend upwards by more than {limit} MiB/min; all slopes: {string.Join(", ", growth)}");
    }

    /// <summary>Judged only where the run is long enough to see a trend (a soak); the gate's 20 s reports it inconclusive.</summary>
    [Then("no service's memory grows with the documents processed")]
    public void ThenNoServicesMemoryGrowsWithTheDocuments()
    {
        var judgements = LoadLeaks.Of(load.Result, runner.Settings.Resources);
        evidence.AttachJson("memory-per-document", new
        {
            method = "least-squares slope of each window's lowest memory (live heap after full collections where a service exports it, RSS otherwise) against documents embedded; detection limit = " +
                     $"{MemoryPerDocument.StandardErrors} standard errors of that slope",
            windowSeconds = runner.Settings.Resources.LeakWindowSeconds,
            settleSeconds = runner.Settings.Resources.LeakSettleSeconds,
            services = judgements,
            documentsEmbeddedOverTime = load.Result.Samples.Select(s => new { seconds = Math.Round(s.At.TotalSeconds, 2), s.Embedded }),
        });
        judgements.Should().NotBeEmpty("the api-server and the workers must have been sampled");
        string.Join("; ", judgements.Where(j => j.Leaks)).Should().BeEmpty(
            $"memory must not grow with every document processed; all: {string.Join("; ", judgements)}");
    }

    [Then("the database connections in use never exceed {int}")]
    public void ThenTheDatabaseConnectionsNeverExceed(int pool) =>
        Profile.PeakConnections.Should().BeInRange(1, pool, "the services' connection pools must bound what they hold");

    [Then("no service keeps more than {int} files open")]
    public void ThenNoServiceKeepsMoreThanFilesOpen(int files)
    {
        var profile = Profile;
        profile.Services.Should().OnlyContain(s => s.Value.PeakOpenFiles <= files,
            $"open files must stay bounded; saw {string.Join(", ", profile.Services.Select(s => $"{s.Key} {s.Value.PeakOpenFiles}"))}");
    }
}
