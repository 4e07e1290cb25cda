namespace Acceptance.StepDefinitions;

/// <summary>People uploading documents, and what the pipeline answers when the input is bad.</summary>
[Binding]
public sealed class DocumentUploadSteps(DocumentUploader uploader, UploadedDocuments uploads)
{
    [Given("{persona} has uploaded {document}")]
    public async Task GivenPersonaHasUploaded(Persona persona, TestDocument document)
    {
        var upload = await uploader.UploadAsync(persona, document);
        upload.Outcome.Accepted.Should().BeTrue($"the pipeline should accept {document.FileName}, but answered {upload.Outcome.Answer}");
    }

    [When("{persona} uploads the insurance policy {document}")]
    [When("{persona} uploads {document}")]
    [When("{persona} uploads {document} again")]
    [When("{persona} attempts to upload {document}")]
    public Task WhenPersonaUploads(Persona persona, TestDocument document) => uploader.UploadAsync(persona, document);

    [When("{persona} attempts to upload {badUpload}")]
    public Task WhenPersonaAttemptsToUpload(Persona persona, BadUpload bad) => uploader.UploadAsync(persona, bad.Document, bad.UploadName);

    [When("{persona} uploads these documents")]
    public async Task WhenPersonaUploadsTheseDocuments(Persona persona, DataTable documents)
    {
        foreach (var row in documents.Rows)
            await uploader.UploadAsync(persona, TestDocuments.Get(row["document"]));
    }

    [Then("the upload is rejected with reason {string}")]
    public void ThenTheUploadIsRejectedWithReason(string reason)
    {
        var outcome = uploads.Last.Outcome;
        outcome.RefusedAsBadInput.Should().BeTrue($"bad input must be refused as the client's error, never a server error ({outcome.Answer})");
        outcome.ErrorKey.Should().Be(reason);
        outcome.ErrorMessage.Should().NotBeNullOrWhiteSpace("a person should be told what was wrong");
    }
}
