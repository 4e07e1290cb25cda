using Acceptance.Gate.Cli;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Reporting;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

/// <summary>A run that is not ready says, on every page, what would make it ready; the verdict says what kind of not-ready it is.</summary>
public sealed class PathToReadyTests
{
    private static ReadinessReport Ready() =>
        ReadinessEvaluator.Evaluate(GateScenario.Inventory, GateScenario.Run(), [], GateScenario.Settings, GateScenario.Identity, costEstimate: RunWithoutKeys.Estimate);

    /// <summary>Every page of the report folder, and the living documentation's banner, by name.</summary>
    private static Dictionary<string, string> Pages(ReadinessReport report)
    {
        var folder = Directory.CreateTempSubdirectory("gate-pages-").FullName;
        try
        {
            ReportSet.Write(report, folder, SecretRedactor.None, []);
            var pages = Directory.GetFiles(folder).Where(f => !f.EndsWith(".json", StringComparison.Ordinal))
                .ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
            pages["living documentation banner"] = LivingDocumentation.Banner(report);
            return pages;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Every_page_of_a_run_without_keys_gives_the_command_the_keys_and_the_estimated_cost()
    {
        var pages = Pages(RunWithoutKeys.Report());

        pages.Keys.Should().Contain([ReportSet.ReadinessMarkdown, ReadinessHtmlWriter.FileName, ReportSet.Handoff, ReportSet.TestingSummary,
            ReportSet.Notes, ReportSet.Decisions, "living documentation banner"]);
        foreach (var (name, text) in pages)
            text.Should().Contain("Path to READY", name)
                .And.Contain("scripts/gate.sh --real-apis", name)
                .And.Contain("LLAMA_CLOUD_API_KEY", name).And.Contain("OPENAI_API_KEY", name)
                .And.Contain("--llamaparse-key-file", name)
                .And.Contain(RunWithoutKeys.EstimatedCost, name)
                .And.Contain("scripts/gate.sh --real-apis --rehearse", name);
    }

    [Fact]
    public void The_path_comes_right_after_the_verdict()
    {
        var pages = Pages(RunWithoutKeys.Report());

        var html = pages[ReadinessHtmlWriter.FileName];
        var path = html.IndexOf("id=\"path-to-ready\"", StringComparison.Ordinal);
        path.Should().BeGreaterThan(html.IndexOf("class=\"headline\"", StringComparison.Ordinal));
        path.Should().BeLessThan(html.IndexOf("class=\"reasons\"", StringComparison.Ordinal)).And.BeLessThan(html.IndexOf("id=\"criteria\"", StringComparison.Ordinal));
        pages["living documentation banner"].Should().Contain("id=\"path-to-ready\"").And.NotContain("<div id=\"path-to-ready\"",
            "the banner is replaced up to its first closing div, so it holds no other div");
        foreach (var name in new[] { ReportSet.ReadinessMarkdown, ReportSet.Handoff, ReportSet.TestingSummary, ReportSet.Notes })
        {
            var lines = pages[name].Split('\n');
            var verdict = Array.FindIndex(lines, l => l.StartsWith("## ⚠️ NOT READY", StringComparison.Ordinal));
            verdict.Should().BeInRange(0, 3, name);
            lines[verdict + 2].Should().Be("### Path to READY", name);
        }
    }

    [Fact]
    public void A_ready_run_has_no_path_on_any_page()
    {
        var report = Ready();

        report.PathToReady.Should().BeNull();
        foreach (var (name, text) in Pages(report))
            text.Should().NotContain("Path to READY", name).And.NotContain("id=\"path-to-ready\"", name);
    }

    [Fact]
    public void Criteria_not_verified_for_want_of_keys_are_not_called_a_failure()
    {
        var report = RunWithoutKeys.Report();

        report.Verdict.Should().Be(GateVerdict.NotVerified);
        ExitCodes.Of(report.Verdict).Should().Be(ExitCodes.GateFailed, "not ready all the same");
        VerdictWords.Headline(report).Should().Be("NOT READY — 3 criteria not verified (they need the real APIs); nothing failed");
        report.Failures.Should().BeEmpty();
        report.PathToReady!.Summary.Should().Be("Nothing failed, but 3 criteria are not verified: their scenarios need the real LlamaParse and OpenAI.");
        report.PathToReady.Steps.Should().Contain(s => s.Label == "Or" && s.Command == "scripts/gate.sh --allow-not-verified");
    }

    [Fact]
    public void A_failure_is_called_one_and_the_path_says_to_fix_it_first()
    {
        var report = ReadinessEvaluator.Evaluate(GateScenario.Inventory, GateScenario.Run((run, s) =>
            s.Name == "Proof of 4.2-openai-errors" && run.Fail(s, "429 not retried") is not null), [], GateScenario.Settings, GateScenario.Identity);

        report.Verdict.Should().Be(GateVerdict.Fail);
        VerdictWords.Headline(report).Should().Be("NOT READY — the acceptance gate fails: 1 failure(s)");
        report.PathToReady!.Steps[0].Should().Match<PathStep>(s => s.Label == "Fix first" && s.Text.Contains("429 not retried"));
        report.PathToReady.Steps.Should().Contain(s => s.Label == "Run" && s.Command == PathToReady.WholeGate);
    }

    [Fact]
    public void A_criterion_and_its_scenarios_are_one_reason()
    {
        var withoutKeys = RunWithoutKeys.Report();
        var failed = ReadinessEvaluator.Evaluate(GateScenario.Inventory, GateScenario.Run((run, s) =>
            s.Name == "Proof of 4.2-openai-errors" && run.Fail(s, "429 not retried") is not null), [], GateScenario.Settings, GateScenario.Identity);

        withoutKeys.Reasons.Should().HaveCount(3).And.OnlyContain(r => r.StartsWith("criterion 4.4-real-", StringComparison.Ordinal));
        withoutKeys.Reasons.Should().Contain(r => r.Contains("\"Proof of 4.4-real-openai\"") && r.Contains(RunWithoutKeys.NoKeys), "the criterion names its scenario");
        failed.Reasons.Should().ContainSingle().Which.Should().StartWith("criterion 4.2-openai-errors is failed");
        failed.Completeness.Should().ContainSingle("the completeness table still lists the scenario");
    }
}
