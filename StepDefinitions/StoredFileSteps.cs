using System.Security.Cryptography;
using Acceptance.Support.Environment;
using Acceptance.Support.Integrity;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>The files the pipeline keeps for a document: the upload byte for byte, and the parsed text the chunks come from.</summary>
[Binding]
public sealed class StoredFileSteps(PipelineDatabaseDriver database, StoredFileReader files, UploadedDocuments uploads, IUnitTestRuntimeProvider runtime)
{
    [Then("the stored file is byte-for-byte the uploaded file")]
    public async Task ThenTheStoredFileIsTheUploadedFile()
    {
        var upload = uploads.Last;
        var stored = await StoredDocumentAsync();
        stored.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(upload.Document.Bytes)),
            "the pipeline must record the hash of exactly the bytes that were uploaded");
        stored.SizeBytes.Should().Be(upload.Document.Bytes.Length);
        SkipUnlessFilesAreReadable("the stored file");
        var file = await files.OriginalOfAsync(stored);
        file.Exists.Should().BeTrue($"the stored file {file.Path} must exist");
        StoredDataChecks.StoredFileIsTheUpload(upload.Document.Bytes, file.Content!);
    }

    [Then("the parsed content contains the document's own wording")]
    public async Task ThenTheParsedContentContainsTheDocumentsWording()
    {
        var stored = await StoredDocumentAsync();
        stored.ParsedSha256.Should().NotBeNullOrEmpty("the parsed content should be recorded with its hash");
        var chunks = await database.FinalChunksAsync(stored.DocumentId);
        StoredDataChecks.Normalize(string.Join(" ", chunks.Select(c => c.Content)))
            .Should().Contain(StoredDataChecks.Normalize(uploads.Last.Document.ExpectedTextSnippet));
        SkipUnlessFilesAreReadable("the parsed text, to check that the last chunk ends where it ends,");
        stored.ParsedPath.Should().NotBeNull("an embedded document records where its parsed text is");
        var parsed = await files.ParsedTextOfAsync(stored);
        parsed.Exists.Should().BeTrue($"the parsed text {parsed.Path} must exist");
        StoredDataChecks.ChunksReachTheEndOf(parsed.Content!, chunks);
    }

    /// <summary>Where the files cannot be read the check is skipped with the reason, never passed.</summary>
    private void SkipUnlessFilesAreReadable(string what)
    {
        if (files.UnreadableBecause is { } why) runtime.NotVerifiedOnThisTarget(TargetReadings.StoredFiles, $"{what} cannot be read: {why}");
    }

    private async Task<StoredDocument> StoredDocumentAsync()
    {
        var documentId = uploads.Last.Outcome.DocumentId ?? throw new InvalidOperationException("The last upload was refused; there is no stored document.");
        return await database.DocumentAsync(documentId) ?? throw new InvalidOperationException($"Document {documentId} is not in the database.");
    }
}
