namespace Acceptance.StepDefinitions;

/// <summary>Who owns which document: deduplication per user, isolation between users, nothing stored on refusal.</summary>
[Binding]
public sealed class DocumentOwnershipSteps(PipelineApiDriver api, PipelineDatabaseDriver database, ScenarioUsers users, UploadedDocuments uploads, ReadAttempt read)
{
    [Then("the second upload names the same document as the first")]
    public void ThenTheSecondUploadNamesTheSameDocument()
    {
        var (first, second) = (uploads.All[0].Outcome, uploads.All[1].Outcome);
        second.Accepted.Should().BeTrue($"a repeated upload is not an error ({second.Answer})");
        second.DocumentId.Should().Be(first.DocumentId);
        second.JobId.Should().Be(first.JobId);
        second.Deduplicated.Should().BeTrue("the pipeline should say it recognised the file");
    }

    [Then("{persona} has exactly one copy of it")]
    public async Task ThenPersonaHasExactlyOneCopy(Persona persona)
    {
        var upload = uploads.All.First(u => u.UserId == users.IdOf(persona.Name));
        (await database.DocumentsWithHashAsync(upload.UserId, upload.Document.Sha256)).Should().Be(1);
    }

    [Then("{persona}'s document is not {persona}'s document")]
    public void ThenOnesDocumentIsNotTheOthers(Persona one, Persona other)
    {
        var mine = uploads.All.Last(u => u.UserId == users.IdOf(one.Name)).Outcome;
        var theirs = uploads.All.Last(u => u.UserId == users.IdOf(other.Name)).Outcome;
        mine.Accepted.Should().BeTrue();
        mine.Deduplicated.Should().BeFalse("another person's identical file is not this person's document");
        mine.DocumentId.Should().NotBe(theirs.DocumentId);
    }

    [Then("nothing of {persona}'s upload is stored")]
    public async Task ThenNothingOfTheUploadIsStored(Persona persona)
    {
        var rows = await database.RowsOfUserAsync(users.IdOf(persona.Name));
        rows.Should().Be((0, 0, 0), "a refused upload leaves no document, job or event behind");
    }

    [When("{persona} attempts to read {persona}'s document")]
    public async Task WhenPersonaAttemptsToReadAnothersDocument(Persona reader, Persona owner)
    {
        var upload = uploads.All.Last(u => u.UserId == users.IdOf(owner.Name)).Outcome;
        read.Document = await api.GetDocumentAsync(users.IdOf(reader.Name), upload.DocumentId!);
        read.Job = await api.GetJobAsync(users.IdOf(reader.Name), upload.JobId!);
    }

    [Then("{persona} is told the document does not exist")]
    public void ThenPersonaIsToldTheDocumentDoesNotExist(Persona _)
    {
        read.Document!.NotFound.Should().BeTrue($"another user's document must look absent, not forbidden (got {read.Document.Answer})");
        read.Job!.NotFound.Should().BeTrue($"another user's job must look absent, not forbidden (got {read.Job.Answer})");
        read.Document.Value.Should().BeNull();
    }
}
