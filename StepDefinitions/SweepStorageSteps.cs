using Acceptance.Support.Environment;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>What the hostile-input sweep left in storage: only whole documents, each with its file.</summary>
[Binding]
public sealed class SweepStorageSteps(PipelineDatabaseDriver database, StoredFileReader files, SweepContext context, IUnitTestRuntimeProvider runtime)
{
    [Then("the sweep left nothing half-stored: every document it stored is whole")]
    public async Task ThenNothingHalfStored()
    {
        var accepted = context.Answers.Where(a => a.DocumentId is not null).Select(a => a.DocumentId!).ToHashSet();
        var stored = await database.DocumentsOfUserAsync(context.AttackerId);
        stored.Select(d => d.DocumentId).Should().BeEquivalentTo(accepted, "only the accepted requests stored a document");
        stored.Should().OnlyContain(d => d.Jobs == 1, "every stored document has its one job");
        if (files.UnreadableBecause is { } why) runtime.NotVerifiedOnThisTarget(TargetReadings.StoredFiles, why);
        foreach (var document in stored)
            (await files.Sha256OfAsync(document.StoragePath)).Should().Be(document.Sha256, $"document {document.DocumentId} has its file, with the bytes it recorded");
    }
}
