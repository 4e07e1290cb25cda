using Acceptance.Support.Contexts;
using Acceptance.Support.Drivers;
using Acceptance.Support.Environment;
using Acceptance.Support.TestData;
using FluentAssertions;
using Pipeline.TestKit;
using Reqnroll;

namespace Acceptance.StepDefinitions;

/// <summary>The api-server restarting while people upload: nothing half-stored, retries deduplicate.</summary>
[Binding]
public sealed class ApiRestartSteps(
    IPipelineEnvironment environment, PipelineApiDriver api, PipelineDatabaseDriver database, ScenarioUsers users,
    UploadedDocuments uploads, FaultWindow fault)
{
    [When("the api-server restarts while {persona} uploads a batch of {int} insurance documents")]
    public async Task WhenTheApiRestartsDuringUploads(Persona persona, int count)
    {
        var userId = users.IdOf(persona.Name);
        var documents = TestDocuments.PolicyBatch(count);
        var firstDone = new TaskCompletionSource();
        var uploading = Task.Run(async () =>
        {
            foreach (var document in documents)
            {
                uploads.Add(new Upload(userId, document, await api.UploadAsync(userId, document.FileName, document.Bytes)));
                firstDone.TrySetResult();
            }
        });
        await firstDone.Task;
        fault.Begin("api-server restart");
        await environment.Control.RestartAsync("api-server");
        fault.End();
        await uploading;
    }

    [Then("every upload that was cut off succeeds when {persona} tries again")]
    public async Task ThenEveryCutOffUploadSucceedsOnRetry(Persona persona)
    {
        var cutOff = uploads.All.Where(u => !u.Outcome.Accepted).ToList();
        cutOff.Should().NotBeEmpty("the restart should have interrupted some uploads");
        cutOff.Should().OnlyContain(u => u.Outcome.StatusCode == 0 || u.Outcome.StatusCode >= 500,
            "an upload is only ever cut off, never refused as bad input, by a restart");
        foreach (var upload in cutOff)
        {
            var retry = await api.UploadAsync(upload.UserId, upload.Document.FileName, upload.Document.Bytes);
            retry.Accepted.Should().BeTrue($"retrying {upload.Document.FileName} after the restart should work ({retry.StatusCode} {retry.ErrorKey})");
            uploads.Add(upload with { Outcome = retry });
        }
    }

    [Then("{persona} has exactly one copy of each document")]
    public async Task ThenPersonaHasOneCopyOfEach(Persona persona)
    {
        foreach (var document in uploads.All.Select(u => u.Document).DistinctBy(d => d.Sha256))
            (await database.DocumentsWithHashAsync(users.IdOf(persona.Name), document.Sha256)).Should().Be(1, $"{document.FileName} is stored once");
    }
}
