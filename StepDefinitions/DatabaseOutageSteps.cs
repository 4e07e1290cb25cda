using Acceptance.Support.Control;
using Acceptance.Support.Environment;

namespace Acceptance.StepDefinitions;

/// <summary>The database going away, and how the pipeline's services behave without it.</summary>
[Binding]
public sealed class DatabaseOutageSteps(DatabaseOutages outages, PipelineApiDriver api, UploadedDocuments uploads, IPipelineEnvironment environment)
{
    [When("the database goes down for {duration}")]
    public Task WhenTheDatabaseGoesDownFor(TimeSpan outage) => outages.GoDownForAsync(outage);

    [Given("the database is down")]
    public Task GivenTheDatabaseIsDown() => outages.GoDownAsync();

    [Then("the upload is refused as temporarily unavailable with a retry hint")]
    public void ThenTheUploadIsRefusedAsTemporarilyUnavailable()
    {
        var outcome = uploads.Last.Outcome;
        outcome.TemporarilyUnavailable.Should().BeTrue($"the client should be told to come back later ({outcome.Answer})");
        outcome.ErrorKey.Should().Be(Reasons.DatabaseUnavailable);
        outcome.RetryAfter.Should().NotBeNullOrEmpty("the client should be told when to try again");
    }

    [Then("the service reports itself alive but not ready")]
    public async Task ThenTheServiceIsAliveButNotReady()
    {
        (await api.LivenessAsync()).Should().Be(Health.Up, "the process itself is fine");
        (await api.ReadinessAsync()).Should().Be(Health.Unavailable, "it cannot serve uploads without its database");
    }

    [Then("no pipeline process has stopped")]
    public void ThenNoPipelineProcessHasStopped()
    {
        foreach (var service in environment.LogFiles.Keys)
            environment.Control.IsRunning(service).Should().BeTrue($"{service} must ride out the outage, not crash");
    }
}
