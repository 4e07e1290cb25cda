namespace Acceptance.StepDefinitions;

/// <summary>How set-aside documents go back to work: by themselves, by an operator, by a re-upload.</summary>
[Binding]
public sealed class BackToWorkSteps(PipelineApiDriver api, PipelineDatabaseDriver database, JobProgress progress, ScenarioUsers users, UploadedDocuments uploads)
{
    /// <summary>The operator who requeues: a person with the operator role, not the document's owner.</summary>
    private const string Operator = "Olga";

    [When("an operator requeues {persona}'s set-aside document")]
    public async Task WhenAnOperatorRequeues(Persona persona)
    {
        var requeue = await api.RequeueAsOperatorAsync(users.IdOf(Operator), uploads.Last.Outcome.JobId!);
        requeue.Accepted.Should().BeTrue($"an operator may requeue a set-aside job (answered {requeue.Answer})");
    }

    [Then("the upload restarts {persona}'s set-aside document instead of returning it")]
    public void ThenTheUploadRestartsTheDocument(Persona persona)
    {
        var (first, again) = (uploads.All[0].Outcome, uploads.Last.Outcome);
        again.DocumentId.Should().Be(first.DocumentId, "the same bytes name the same document");
        again.Restarted.Should().BeTrue("a set-aside document uploaded again goes back to work");
    }

    [Then("every set-aside document of the batch is embedded within {duration}")]
    public async Task ThenEverySetAsideDocumentIsEmbedded(TimeSpan limit) =>
        await Task.WhenAll(uploads.All.Select(u => progress.UntilEmbeddedAsync(u.UserId, u.Outcome, limit)));

    [Then("each set-aside document went back to work by itself, without being uploaded again")]
    public async Task ThenEachWentBackByItself()
    {
        foreach (var upload in uploads.All)
        {
            (await database.EventCountAsync(upload.Outcome.JobId!, EventTypes.Deadlettered)).Should().BeGreaterThan(0, $"{upload.Document.FileName} was set aside");
            (await database.EventCountAsync(upload.Outcome.JobId!, EventTypes.Requeued)).Should().BeGreaterThan(0,
                $"{upload.Document.FileName} went back to work when the parser was healthy again");
        }
        uploads.All.Select(u => u.Document.FileName).Should().OnlyHaveUniqueItems("nothing was uploaded twice");
    }
}
