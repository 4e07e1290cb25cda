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
        markdown.Should().Contain($"[Proof of 4.1-stages-seamless](living-documentation.html#scenario={GateScenario.Named("Proof of 4.1-stages-seamless").Location})");
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
    public void Handoff_tells_a_reader_of_the_phase_4_plan_what_runs_each_of_its_procedures_here()
    {
        var handoff = HandoffWriter.Render(GateScenario.Evaluate(GateScenario.Run()));

        handoff.Should().Contain("## The Phase 4 plan's procedures, run here");
        foreach (var procedure in Acceptance.Gate.Criteria.PlanProcedures.All)
            handoff.Should().Contain(procedure.PlanCommand);
    }

    [Fact]
    public void Testing_summary_counts_results_per_area()
    {
        var summary = TestingSummaryWriter.Render(GateScenario.Evaluate(GateScenario.Run()));

        summary.Should().Contain("| 24 | 23 | 0 | 0 | 1 |", because: "the @wip scenario is not run");
        summary.Should().Contain("| 4.1 Pipeline integration | 4/4 |");
    }

    [Fact]
    public void The_report_folder_holds_the_four_phase_4_documents()
    {
        var folder = Directory.CreateTempSubdirectory("gate-report-").FullName;
        try
        {
            var written = ReportSet.Write(GateScenario.Evaluate(GateScenario.Run((run, s) =>
                s.Name == "Proof of 4.2-openai-errors" && run.Fail(s, "429 not retried") is not null)), folder, SecretRedactor.None);

            written.Select(Path.GetFileName).Should().Contain([ReportSet.TestingSummary, ReportSet.Handoff, ReportSet.Notes, ReportSet.Decisions]);
            var notes = File.ReadAllText(Path.Combine(folder, ReportSet.Notes));
            notes.Should().Contain("## How this run validated the pipeline").And.Contain("#### ✅ `4.1-stages-seamless` — verified")
                .And.Contain("#### ❌ `4.2-openai-errors` — failed").And.Contain("429 not retried")
                .And.Contain("[Proof of 4.1-stages-seamless](living-documentation.html#scenario=");
            var decisions = File.ReadAllText(Path.Combine(folder, ReportSet.Decisions));
            decisions.Should().Contain("## Testing strategies").And.Contain("## Optimisation decisions")
                .And.Contain("### 0001 Reqnroll on our own xUnit v3 runner").And.Contain("#### Decision");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_repositorys_decision_records_are_all_well_formed()
    {
        var records = DecisionRecord.InRepository();

        records.Count.Should().BeInRange(6, 10);
        records.Select(r => r.Number).Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();
        records.Should().OnlyContain(r => r.Body.Contains("## Context") && r.Body.Contains("## Decision") && r.Body.Contains("## Consequences"));
        records.Select(r => r.Kind).Distinct().Should().BeEquivalentTo(DecisionRecord.TestingStrategy, DecisionRecord.Optimisation);
    }

    [Fact]
    public void A_decision_record_without_its_heading_or_kind_is_refused_by_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"0042-untitled-{Guid.NewGuid():N}.md");
        File.WriteAllText(path, "Some thoughts\n\nKind: whim\n");
        try
        {
            FluentActions.Invoking(() => DecisionRecord.Parse(path)).Should().Throw<InvalidDataException>()
                .WithMessage($"{path} is not a decision record*# NNNN Title*Kind: testing strategy*");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
