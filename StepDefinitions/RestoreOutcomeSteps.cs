using Acceptance.Support.Backup;
using Acceptance.Support.Configuration;

namespace Acceptance.StepDefinitions;

/// <summary>What a restore must bring back, and within which time and data-loss objectives.</summary>
[Binding]
public sealed class RestoreOutcomeSteps(PipelineBackup backup, RecoveryDrill drill, ScenarioUsers users, SuiteOptions options, EvidenceRecorder evidence)
{
    [Then("every embedded document, chunk, vector and file is back with the same checksums")]
    public async Task ThenEverythingEmbeddedIsBack()
    {
        var embedded = drill.Before.Where(d => d.Stage == JobProgress.FinalStage).ToList();
        embedded.Should().NotBeEmpty("the drill needs embedded documents to compare");
        var after = (await backup.SnapshotAsync()).ToDictionary(d => d.DocumentId);
        foreach (var document in embedded)
        {
            after.Should().ContainKey(document.DocumentId, $"document {document.DocumentId} was embedded before the loss");
            after[document.DocumentId].Should().BeEquivalentTo(document, $"document {document.DocumentId} must come back unchanged");
        }
    }

    [Then("{persona}'s documents are back with their chunks, vectors and files")]
    public async Task ThenThePersonsDocumentsAreBack(Persona persona)
    {
        var userId = users.IdOf(persona.Name);
        var theirs = drill.Before.Where(d => d.UserId == userId).ToList();
        theirs.Should().NotBeEmpty();
        var after = (await backup.SnapshotAsync()).ToDictionary(d => d.DocumentId);
        foreach (var document in theirs)
        {
            after.Should().ContainKey(document.DocumentId, $"{persona.Name}'s document {document.DocumentId} existed before the deletion");
            after[document.DocumentId].Should().BeEquivalentTo(document);
        }
        evidence.AttachJson("recovery-figures", drill.Figures(options.Backup));
    }

    [Then("no document is without its stored file")]
    public async Task ThenNoDocumentIsWithoutItsFile()
    {
        var missing = (await backup.SnapshotAsync()).SelectMany(d => d.MissingFiles.Select(f => $"{d.DocumentId}: {f}")).ToList();
        missing.Should().BeEmpty("every document row must have its stored files after a restore");
    }

    [Then("the recovery met its time and data-loss objectives")]
    public void ThenTheObjectivesWereMet()
    {
        evidence.AttachJson("recovery-figures", drill.Figures(options.Backup));
        drill.RecoveryTime.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(options.Backup.RecoveryTimeObjectiveSeconds), "the recovery time objective");
        drill.DataAtRisk.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(options.Backup.RecoveryPointObjectiveSeconds), "the recovery point objective");
    }
}
