namespace Acceptance.StepDefinitions;

/// <summary>A document's identity is its owner and its bytes: a file name says nothing about which document it is.</summary>
[Binding]
public sealed class DocumentIdentitySteps(DocumentUploader uploader, UploadedDocuments uploads)
{
    /// <summary>Another real document's bytes stand in for the revision: a valid PDF that differs from the first.</summary>
    private const string Revision = "claims_handbook_2025.pdf";

    [When("{persona} uploads a revised {document} under the same name")]
    public async Task WhenPersonaUploadsARevision(Persona persona, TestDocument original)
    {
        var revised = TestDocuments.Get(Revision) with { FileName = original.FileName };
        revised.Sha256.Should().NotBe(original.Sha256, "a revision has other bytes");
        await uploader.UploadAsync(persona, revised);
    }

    [Then("the revised upload is a new document, not the first one")]
    public void ThenTheRevisionIsANewDocument()
    {
        var (first, revised) = (uploads.All[^2].Outcome, uploads.All[^1].Outcome);
        revised.Accepted.Should().BeTrue($"a revision is a valid upload ({revised.Answer})");
        revised.Deduplicated.Should().BeFalse("other bytes are another document, whatever the file is called");
        revised.DocumentId.Should().NotBe(first.DocumentId);
    }
}
