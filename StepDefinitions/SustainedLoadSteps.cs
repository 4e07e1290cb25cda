using Acceptance.Support.Configuration;
using Acceptance.Support.Charts;
using Acceptance.Support.Load;

namespace Acceptance.StepDefinitions;

/// <summary>A steady stream of documents and whether the pipeline keeps its pace under it.</summary>
[Binding]
public sealed class SustainedLoadSteps(LoadRunner runner, LoadContext load, ScenarioUsers users, EvidenceRecorder evidence, LoadCharts charts)
{
    [When("documents from the office mix arrive steadily for the load period of this run")]
    public async Task WhenDocumentsArriveSteadily()
    {
        load.Result = await runner.RunAsync(users.IdOf("office"), LoadArrivals.MixOf(runner.Settings));
        var windows = LatencyWindows.Of(load.Result.Measured, TimeSpan.FromSeconds(runner.Settings.WindowSeconds));
        evidence.AttachJson("load-latency-windows", LoadEvidence.Windows(load.Result, windows, runner.Settings));
        evidence.AttachJson("load-backlog-over-time", LoadEvidence.Backlog(load.Result));
        charts.AttachLatencyAndBacklog(windows, load.Result);
    }

    [When("{persona} uploads the largest test document")]
    public async Task WhenPersonaUploadsTheLargestDocument(Persona persona) =>
        load.Result = await runner.RunAsync(users.IdOf(persona.Name), [TestDocuments.Get(TestDocuments.ScannedPlan)],
            new LoadOptions { DurationSeconds = 1, WarmupSeconds = 0, ArrivalsPerSecond = 1, SampleMilliseconds = 250 });

    [Then("the 95th percentile end to end of the last window stays within {int} times the first, or under {duration}")]
    public void ThenTheP95OfTheLastWindowStaysWithin(int factor, TimeSpan floor)
    {
        var windows = LatencyWindows.Of(load.Result.Measured, TimeSpan.FromSeconds(runner.Settings.WindowSeconds));
        windows.Windows.Should().HaveCountGreaterThan(1, "a load must span at least two windows to compare its start with its end");
        // Below the floor, differences are the shared machine's noise, not a trend of the pipeline.
        windows.Last.EndToEnd.P95.Should().BeLessThanOrEqualTo(Math.Max(factor * windows.First.EndToEnd.P95, floor.TotalSeconds),
            $"the slowest documents at the end (p95 {windows.Last.EndToEnd.P95:0.###} s) must not be more than {factor}× " +
            $"those at the start (p95 {windows.First.EndToEnd.P95:0.###} s)");
    }

    [Then("the backlog drains within {duration} after the arrivals stop")]
    public void ThenTheBacklogDrainsWithin(TimeSpan limit)
    {
        load.Result.NotDrainedBecause.Should().BeNull("every accepted document must be finished after the arrivals stop");
        load.Result.DrainedAfterArrivals.Should().NotBeNull().And.Subject.Should().BeLessThanOrEqualTo(limit,
            "the backlog must be gone soon after the last document arrived");
    }

    [Then("every document of the load is embedded, none lost or failed")]
    public void ThenEveryDocumentOfTheLoadIsEmbedded()
    {
        var result = load.Result;
        result.Arrivals.Should().NotBeEmpty();
        result.Arrivals.Should().OnlyContain(a => a.Outcome.Accepted, "every upload of the load must be accepted");
        var jobs = result.Jobs.ToDictionary(j => j.JobId);
        foreach (var arrival in result.Arrivals)
        {
            jobs.Should().ContainKey(arrival.Outcome.JobId!, $"{arrival.Document.FileName} from {arrival.UserId} must have a job");
            jobs[arrival.Outcome.JobId!].Embedded.Should().BeTrue($"{arrival.Document.FileName} must be embedded: {jobs[arrival.Outcome.JobId!]}");
        }
    }
}
