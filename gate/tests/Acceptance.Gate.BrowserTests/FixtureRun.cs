using Acceptance.Gate.Inventory;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Reporting;
using Acceptance.Gate.Results;
using Acceptance.Gate.Steps;

namespace Acceptance.Gate.BrowserTests;

/// <summary>
/// The report folder of a real run: the runner's conformance run (passing, failing, pending,
/// undefined, skipped scenarios and attachments of every kind), judged by the gate and written
/// as the gate writes it: readiness.md/.json/.html, the living documentation, the step catalogue.
/// </summary>
internal sealed class FixtureRun : IAsyncDisposable
{
    private static readonly string Source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "conformance");

    private FixtureRun(string folder, ReadinessReport report, GherkinInventory inventory)
    {
        Folder = folder;
        Report = report;
        Inventory = inventory;
    }

    public string Folder { get; }
    public ReadinessReport Report { get; }
    public GherkinInventory Inventory { get; }

    public string PathOf(string file) => System.IO.Path.Combine(Folder, file);

    /// <summary>
    /// Writes the report folder. With <paramref name="judgement"/>, the pages state that report instead of the conformance
    /// run's own: readiness.md/.json/.html are its, and so is the banner above Cucumber's page of the conformance run.
    /// </summary>
    public static async Task<FixtureRun> WriteAsync(ReadinessReport? judgement = null)
    {
        var folder = Directory.CreateTempSubdirectory("readiness-browser-").FullName;
        var messages = System.IO.Path.Combine(folder, "cucumber-messages.ndjson");
        File.Copy(System.IO.Path.Combine(Source, "cucumber-messages.ndjson"), messages);
        var inventory = GherkinInventory.Load(System.IO.Path.Combine(Source, "Features"), Source);
        var identity = new RunIdentity("0123abc", "main", "local", "ci-01", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(42), new Dictionary<string, string>());
        var report = judgement ?? ReadinessEvaluator.Evaluate(inventory, MessageStreamReader.Read(messages), [], new ReadinessSettings(), identity);
        ReportSet.Write(report, folder, SecretRedactor.None);
        var html = System.IO.Path.Combine(folder, LivingDocumentation.FileName);
        await LivingDocumentation.RenderAsync(messages, html);
        LivingDocumentation.AddVerdictBanner(html, report);
        StepCatalogueWriter.Write(StepCatalogue.Build([], FeatureSteps.Load(System.IO.Path.Combine(Source, "Features"), Source)), folder);
        return new FixtureRun(folder, report, inventory);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
