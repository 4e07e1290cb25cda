using Acceptance.Support.Drivers.Hostile;

namespace Acceptance.StepDefinitions;

/// <summary>The hostile-input sweep: generated bad requests, and what a graceful API does with each.</summary>
[Binding]
public sealed class HostileInputSteps(HostileSweepDriver sweep, UploadedDocuments uploads, ScenarioUsers users, SweepContext context, EvidenceRecorder evidence)
{
    private const int MinimumSweep = 50;

    [When("{persona} sends the hostile-input sweep at the pipeline")]
    public async Task WhenPersonaSendsTheSweep(Persona persona)
    {
        context.AttackerId = users.IdOf(persona.Name);
        var victim = uploads.Last.Outcome;
        context.Answers = await sweep.SweepAsync(context.AttackerId, victim.DocumentId!, victim.JobId!);
        evidence.AttachText("hostile-input-sweep", SweepReport.Table(context.Answers));
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
}
