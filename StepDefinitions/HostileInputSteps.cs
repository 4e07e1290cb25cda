using System.Security.Cryptography;
using System.Text;
using Acceptance.Support.Contexts;
using Acceptance.Support.Drivers;
using Acceptance.Support.Drivers.Hostile;
using Acceptance.Support.Environment;
using Acceptance.Support.Evidence;
using Acceptance.Support.TestData;
using FluentAssertions;
using Pipeline.Core.Errors;
using Reqnroll;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>The hostile-input sweep: generated bad requests, and what a graceful API does with each.</summary>
[Binding]
public sealed class HostileInputSteps(
    HostileSweepDriver sweep, PipelineDatabaseDriver database, UploadedDocuments uploads, ScenarioUsers users, SweepContext context,
    EvidenceRecorder evidence, IPipelineEnvironment environment, IUnitTestRuntimeProvider runtime)
{
    private const int MinimumSweep = 50;

    [When("{persona} sends the hostile-input sweep at the pipeline")]
    public async Task WhenPersonaSendsTheSweep(Persona persona)
    {
        context.AttackerId = users.IdOf(persona.Name);
        var victim = uploads.Last.Outcome;
        context.Answers = await sweep.SweepAsync(context.AttackerId, victim.DocumentId!, victim.JobId!);
        evidence.AttachText("hostile-input-sweep", Table(context.Answers));
        evidence.AttachJson("hostile-input-sweep", context.Answers);
    }

    [Then("none of the sweep's requests is answered with a server error")]
    public void ThenNoServerError()
    {
        context.Answers.Should().HaveCountGreaterThanOrEqualTo(MinimumSweep, "the sweep covers every kind of hostile input");
        context.Answers.Where(a => a.ServerError).Should().BeEmpty("bad input is the client's error, never a 5xx or a dropped connection");
    }

    [Then("every refusal of the sweep names its expected reason, tells people why and whether to try again")]
    public void ThenEveryRefusalNamesItsReason()
    {
        context.Answers.Where(a => !a.AsExpected).Should().BeEmpty("each hostile request gets the answer the table expects");
        foreach (var refusal in context.Answers.Where(a => a.Refused && a.Expected != HostileRequest.RefusedByWebServer))
        {
            var entry = ErrorCatalogue.Find(refusal.ErrorKey!);
            entry.Should().NotBeNull($"'{refusal.ErrorKey}' ({refusal.Request}) must be in the error catalogue");
            refusal.Message.Should().MatchRegex("^[A-Z].{10,}", $"a sentence for people ({refusal.Request})");
            refusal.Retryable.Should().Be(entry!.Retryable, $"the retry hint of {refusal.Request} follows the catalogue");
        }
    }

    [Then("the sweep left nothing half-stored: every document it stored is whole")]
    public async Task ThenNothingHalfStored()
    {
        var accepted = context.Answers.Where(a => a.DocumentId is not null).Select(a => a.DocumentId!).ToHashSet();
        var stored = await database.DocumentsOfUserAsync(context.AttackerId);
        stored.Select(d => d.DocumentId).Should().BeEquivalentTo(accepted, "only the accepted requests stored a document");
        stored.Should().OnlyContain(d => d.Jobs == 1, "every stored document has its one job");
        if (environment.Target != "local") // Only the local target's storage is on this machine.
            runtime.TestIgnore($"Not verified on the {environment.Target} target: the stored files are in the pipeline's storage, which the suite cannot read.");
        foreach (var document in stored)
        {
            File.Exists(document.StoragePath).Should().BeTrue($"document {document.DocumentId} has its file");
            Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(document.StoragePath))).Should().Be(document.Sha256);
        }
    }

    private static string Table(IReadOnlyList<SweepAnswer> answers)
    {
        var table = new StringBuilder();
        table.AppendLine($"Hostile-input sweep: {answers.Count} requests, {answers.Count(a => a.ServerError)} server errors, " +
                         $"{answers.Count(a => a.Refused)} refused, {answers.Count(a => !a.Refused && !a.ServerError)} accepted, " +
                         $"{answers.Count(a => !a.AsExpected)} not as expected");
        table.AppendLine();
        table.AppendLine("| kind | request | expected | answer | reason | retry helps |");
        table.AppendLine("|---|---|---|---|---|---|");
        foreach (var a in answers)
            table.AppendLine($"| {a.Kind} | {a.Request} | {a.Expected} | {(a.TransportFailure is null ? a.Status.ToString() : "connection failed")} | {a.ErrorKey ?? "—"} | {(a.Retryable is { } r ? (r ? "yes" : "no") : "—")} |");
        return table.ToString();
    }
}
