using Acceptance.Gate.Criteria;
using Acceptance.Gate.Inventory;
using Acceptance.Gate.Reporting;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

public sealed class ReportWriterTests
{
    [Fact]
    public void Readiness_markdown_opens_with_the_verdict_then_a_matrix_row_per_criterion()
    {
        var inventory = new GherkinInventory(
            GateScenario.Inventory.Scenarios.Where(s => s.CriterionId != "4.5-backup-recovery").ToList(), []);
        var markdown = ReadinessMarkdownWriter.Render(GateScenario.Evaluate(GateScenario.Run((run, s) =>
            s.Name == "Proof of 4.2-openai-errors" && run.Fail(s, "429 not retried") is not null), inventory: inventory));
        var lines = markdown.Split('\n');

        lines.Take(4).Should().Contain("## ❌ NOT READY — the acceptance gate fails: 2 failure(s)", "one failed and one uncovered criterion, each counted once");
        foreach (var criterion in Phase4Criteria.All)
            lines.Should().ContainSingle(l => l.StartsWith("| ") && l.Contains($"`{criterion.Id}` "));
        lines.Should().Contain(l => l.StartsWith("| ⬜ | `4.5-backup-recovery`") && l.Contains("not covered"));
        lines.Should().Contain(l => l.StartsWith("| ❌ | `4.2-openai-errors`") && l.Contains("429 not retried"));
        lines.Should().Contain(l => l.StartsWith("| ✅ | `4.1-stages-seamless`"));
        markdown.Should().Contain("[Proof of 4.1-stages-seamless](living-documentation.html)");
    }

    [Fact]
    public void Readiness_json_carries_the_verdict_criteria_and_baselines_under_stable_names()
    {
        var json = System.Text.Json.JsonDocument.Parse(ReadinessJsonWriter.Render(GateScenario.Evaluate(GateScenario.Run()))).RootElement;

        json.GetProperty("verdict").GetString().Should().Be("pass");
        json.GetProperty("criteria").GetArrayLength().Should().Be(20);
        json.GetProperty("criteria")[0].GetProperty("verdict").GetString().Should().Be("verified");
        json.GetProperty("criteria")[0].GetProperty("criterion").GetProperty("id").GetString().Should().Be("4.1-stages-seamless");
        json.GetProperty("baselines").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Array);
        json.GetProperty("run").GetProperty("commit").GetString().Should().Be("abc1234");
    }

    [Fact]
    public void Handoff_names_each_open_gap_and_what_phase_5_needs()
    {
        var results = GateScenario.Run((run, s) =>
            s.CriterionId == "4.4-real-llamaparse" && run.Skip(s, "needs LLAMA_CLOUD_API_KEY") is not null);
        var handoff = HandoffWriter.Render(GateScenario.Evaluate(results));

        handoff.Should().Contain("### ⚠️ `4.4-real-llamaparse` — not verified");
        handoff.Should().Contain("needs LLAMA_CLOUD_API_KEY");
        handoff.Should().Contain("Phase 5 needs: a run where its scenarios can execute");
        handoff.Should().NotContain("`4.1-stages-seamless`");
    }

    [Fact]
    public void Testing_summary_counts_results_per_area()
    {
        var summary = TestingSummaryWriter.Render(GateScenario.Evaluate(GateScenario.Run()));

        summary.Should().Contain("| 24 | 23 | 0 | 0 | 1 |", because: "the @wip scenario is not run");
        summary.Should().Contain("| 4.1 Pipeline integration | 4/4 |");
    }
}
