using Acceptance.Support.Environment;
using Acceptance.Support.RealApi;

namespace Acceptance.StepDefinitions;

/// <summary>The run's hard budget on the paid providers, and the ledger that proves it held.</summary>
[Binding]
public sealed class ProviderBudgetSteps(
    ProviderBudgetDriver budget, SpendLedgerDriver ledger, MockOpenAiDriver openAi, BudgetRun run, IPipelineEnvironment environment,
    EvidenceRecorder evidence)
{
    [Given("the run may spend at most {decimal} US dollars on OpenAI")]
    public async Task GivenTheRunMaySpendAtMostOnOpenAi(decimal dollars)
    {
        run.RunId = await budget.StartBudgetRunAsync(openAiUsd: dollars);
        run.OpenAiCapUsd = dollars;
    }

    [Then("OpenAI never received the call that would have crossed the budget")]
    public async Task ThenOpenAiNeverReceivedTheCrossingCall()
    {
        var requests = await openAi.EmbeddingRequestsAsync();
        evidence.AttachJson("openai-requests", requests);
        requests.Should().BeEmpty("the only embedding call of this document would have crossed the budget, so it was never made");
    }

    [Then("the spend ledger shows the refused call and nothing spent on OpenAI beyond the budget")]
    public async Task ThenTheLedgerShowsTheRefusedCall()
    {
        var entries = (await ledger.EntriesAsync(run.RunId ?? environment.BudgetRunId)).Where(e => e.Provider == "openai").ToList();
        evidence.AttachJson("spend-ledger", entries);
        entries.Should().Contain(e => e.Status == "refused", "the call that would have crossed the cap is on the ledger as refused");
        entries.Where(e => e.Status == "refused").Should().OnlyContain(e => e.EstimatedUsd > e.CapUsd, "it was refused because it would have crossed the cap");
        entries.Where(e => e.Status == "settled").Sum(e => e.ActualUsd ?? 0).Should().BeLessThanOrEqualTo(run.OpenAiCapUsd ?? entries[0].CapUsd);
    }

    [Then("{word}'s reported spend stays within the run's {word} budget")]
    public async Task ThenTheProvidersReportedSpendStaysWithinTheBudget(string providerName, string _)
    {
        var provider = providerName.StartsWith("LlamaParse", StringComparison.OrdinalIgnoreCase) ? "llamaparse" : "openai";
        var entries = (await ledger.EntriesAsync(environment.BudgetRunId)).Where(e => e.Provider == provider).ToList();
        evidence.AttachJson($"spend-ledger-{provider}", entries);
        entries.Should().Contain(e => e.Status == "settled", $"{providerName} was paid for this document and reported what it charged");
        entries.Where(e => e.Status == "settled").Sum(e => e.ActualUsd ?? 0).Should().BeLessThanOrEqualTo(entries[0].CapUsd);
    }
}
