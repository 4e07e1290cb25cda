using Acceptance.Support.Contexts;
using Acceptance.Support.Drivers;
using Acceptance.Support.TestData;
using FluentAssertions;
using Pipeline.TestKit;
using Reqnroll;

namespace Acceptance.StepDefinitions;

[Binding]
public sealed class DocumentUploadSteps(PipelineApiDriver api, ScenarioUsers users, UploadedDocuments uploads)
{
    [Given("{persona} has uploaded {document}")]
    public async Task GivenPersonaHasUploaded(Persona persona, TestDocument document)
    {
        var upload = await UploadAsync(persona, document);
        upload.Outcome.Accepted.Should().BeTrue($"the pipeline should accept {document.FileName}, but answered {upload.Outcome.StatusCode} {upload.Outcome.ErrorKey}");
    }

    [When("{persona} uploads the insurance policy {document}")]
    [When("{persona} uploads {document}")]
    [When("{persona} uploads {document} again")]
    [When("{persona} attempts to upload {document}")]
    public Task WhenPersonaUploads(Persona persona, TestDocument document) => UploadAsync(persona, document);

    [When("{persona} attempts to upload {badUpload}")]
    public async Task WhenPersonaAttemptsToUpload(Persona persona, BadUpload bad)
    {
        var userId = users.IdOf(persona.Name);
        uploads.Add(new Upload(userId, bad.Document, await api.UploadAsync(userId, bad.UploadName, bad.Document.Bytes)));
    }

    [Then("the upload is rejected with reason {string}")]
    public void ThenTheUploadIsRejectedWithReason(string reason)
    {
        var outcome = uploads.Last.Outcome;
        outcome.StatusCode.Should().BeInRange(400, 499, $"bad input must be refused as the client's error, never a server error ({outcome.ErrorKey}: {outcome.ErrorMessage})");
        outcome.ErrorKey.Should().Be(reason);
        outcome.ErrorMessage.Should().NotBeNullOrWhiteSpace("a person should be told what was wrong");
    }

    private async Task<Upload> UploadAsync(Persona persona, TestDocument document)
    {
        var userId = users.IdOf(persona.Name);
        var upload = new Upload(userId, document, await api.UploadAsync(userId, document.FileName, document.Bytes));
        uploads.Add(upload);
        return upload;
    }
}
