namespace Acceptance.StepDefinitions;

/// <summary>However often a document was sent (retries, restarts), its owner has it once.</summary>
[Binding]
public sealed class DocumentCopiesSteps(PipelineDatabaseDriver database, ScenarioUsers users, UploadedDocuments uploads)
{
    [Then("{persona} has exactly one copy of each document")]
    public async Task ThenPersonaHasOneCopyOfEach(Persona persona)
    {
        foreach (var document in uploads.All.Select(u => u.Document).DistinctBy(d => d.Sha256))
            (await database.DocumentsWithHashAsync(users.IdOf(persona.Name), document.Sha256)).Should().Be(1, $"{document.FileName} is stored once");
    }
}
