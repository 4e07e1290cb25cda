using Acceptance.Support.Environment;

namespace Acceptance.StepDefinitions;

/// <summary>The api-server restarting while people upload: nothing half-stored, retries deduplicate.</summary>
[Binding]
public sealed class ApiRestartSteps(
    IPipelineEnvironment environment, DocumentUploader uploader, UploadedDocuments uploads, FaultWindow fault, ServiceReadiness readiness)
{
    [When("the api-server restarts while {persona} uploads a batch of {int} insurance documents")]
    public async Task WhenTheApiRestartsDuringUploads(Persona persona, int count)
    {
        var down = new TaskCompletionSource();
        var uploading = uploader.StartOneByOne(persona, TestDocuments.PolicyBatch(count), down.Task);
        await uploading.FirstAnswered;
        fault.Begin("api-server restart");
        var restart = environment.Control.RestartAsync("api-server");
        // The rest of the batch goes out once the restart has taken the api-server down: a restart by command (a shell,
        // docker, systemd) lands later than a batch of uploads takes, and would otherwise cut nothing off.
        try
        {
            await readiness.UntilNotReadyAsync("while it restarts", restart);
        }
        finally
        {
            down.SetResult();
        }
        await restart;
        fault.End();
        await uploading.AllAnswered;
    }

    [Then("every upload that was cut off succeeds when {persona} tries again")]
    public async Task ThenEveryCutOffUploadSucceedsOnRetry(Persona persona)
    {
        var unanswered = uploads.All.Where(u => !u.Outcome.Accepted).ToList();
        unanswered.Should().NotBeEmpty("the restart should have interrupted some uploads");
        unanswered.Should().OnlyContain(u => u.Outcome.CutOff, "an upload is only ever cut off, never refused as bad input, by a restart");
        foreach (var upload in unanswered)
        {
            var retry = await uploader.RetryAsync(upload);
            retry.Outcome.Accepted.Should().BeTrue($"retrying {upload.Document.FileName} after the restart should work ({retry.Outcome.Answer})");
        }
    }
}
