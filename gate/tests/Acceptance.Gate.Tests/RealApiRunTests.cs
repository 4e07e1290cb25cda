using Acceptance.Gate.Cli;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Reporting;
using Acceptance.Gate.Running;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

/// <summary>--real-apis is one run of the whole gate; --rehearse takes the same path on the mocks and is never ready.</summary>
public sealed class RealApiRunTests
{
    [Fact]
    public void Real_apis_select_every_gate_scenario_and_the_real_api_ones()
    {
        GateOptionsParser.Parse(["--real-apis"]).Tags.Should().Equal("gate", "real-api");
        GateOptionsParser.Parse(["--tags", "smoke", "--real-apis"]).Tags.Should().Equal("smoke");
        GateOptionsParser.Parse(["--real-apis", "--rehearse"]).Should().Match<GateOptions>(o => o.RealApis && o.Rehearse);
    }

    [Theory]
    [InlineData("--rehearse")]
    [InlineData("--real-apis", "--target", "compose")]
    public void Real_api_options_that_cannot_work_are_usage_errors(params string[] args) =>
        FluentActions.Invoking(() => GateOptionsParser.Parse(args)).Should().Throw<GateUsageException>().WithMessage("*--real-apis*");

    [Fact]
    public void The_real_api_scenarios_run_in_their_own_pass_and_every_other_gate_scenario_on_the_mocks()
    {
        var options = GateOptionsParser.Parse(["--real-apis"]);
        var inventory = GateScenario.Inventory;

        var passes = SuitePasses.Plan(options, inventory, "/runs/r1");

        passes.Should().HaveCount(2);
        var (realApi, mocks) = (passes[0], passes[1]);
        realApi.Options.Should().Match<GateOptions>(o => o.RealApis && o.Tags.SequenceEqual(new[] { "real-api" }));
        realApi.Folder.Should().Be(Path.Combine("/runs/r1", SuitePasses.RealApiFolder));
        mocks.Options.RealApis.Should().BeFalse();
        mocks.Folder.Should().Be("/runs/r1");
        var inRealApi = inventory.Scenarios.Where(realApi.Options.Selection.Includes).ToList();
        var onMocks = inventory.Scenarios.Where(mocks.Options.Selection.Includes).ToList();
        inRealApi.Select(s => s.Name).Should().BeEquivalentTo("Proof of 4.4-real-llamaparse", "Proof of 4.4-real-openai", "Proof of 4.4-real-vs-mock");
        onMocks.Should().NotIntersectWith(inRealApi);
        onMocks.Concat(inRealApi).Should().BeEquivalentTo(inventory.Scenarios.Where(new GateOptions().Selection.Includes),
            "together the passes run the whole gate");
    }

    [Fact]
    public void Only_the_real_api_pass_of_a_rehearsal_tells_the_suite_to_rehearse()
    {
        var passes = SuitePasses.Plan(GateOptionsParser.Parse(["--real-apis", "--rehearse"]), GateScenario.Inventory, "/runs/r1");

        var realApi = SuiteLaunch.Environment(passes[0].Options, passes[0].Folder);
        var mocks = SuiteLaunch.Environment(passes[1].Options, passes[1].Folder);

        realApi.Should().Contain("ACCEPTANCE__REALAPI__ENABLED", "true").And.Contain("ACCEPTANCE__REALAPI__REHEARSE", "true");
        mocks.Should().NotContainKey("ACCEPTANCE__REALAPI__ENABLED").And.NotContainKey("ACCEPTANCE__REALAPI__REHEARSE");
    }

    [Fact]
    public void A_narrow_real_api_run_is_one_pass_in_the_run_folder()
    {
        var passes = SuitePasses.Plan(GateOptionsParser.Parse(["--real-apis", "--tags", "real-api"]), GateScenario.Inventory, "/runs/r1");

        passes.Should().ContainSingle().Which.Should().Match<SuitePass>(p => p.Options.RealApis && p.Folder == "/runs/r1");
    }

    [Fact]
    public void A_rehearsal_where_everything_passed_is_never_ready()
    {
        var report = GateScenario.Evaluate(GateScenario.Run(), GateScenario.Settings with { Rehearsal = true });

        report.Verdict.Should().Be(GateVerdict.Rehearsal);
        ExitCodes.Of(report.Verdict).Should().Be(ExitCodes.Rehearsal).And.NotBe(ExitCodes.Ready);
        report.Criteria.Where(c => c.Verdict == CriterionVerdict.Rehearsed).Select(c => c.Criterion.Id)
            .Should().BeEquivalentTo("4.4-real-llamaparse", "4.4-real-openai", "4.4-real-vs-mock");
        report.Criteria.Single(c => c.Criterion.Id == "4.4-keys-and-limits").Verdict.Should().Be(CriterionVerdict.Verified, "it has no @real-api scenario");
        report.Reasons.Should().HaveCount(3).And.OnlyContain(r => r.Contains("rehearsed, not verified"));
        VerdictWords.Headline(report).Should().StartWith("REHEARSAL — ").And.Contain("3 criteria rehearsed, not verified").And.Contain("never ready");
        report.PathToReady!.Steps.Should().Contain(s => s.Command == PathToReady.RealApiGateWithKeys)
            .And.NotContain(s => s.Command == PathToReady.Rehearsal, "it is one");
        ReadinessMarkdownWriter.Render(report).Should().Contain("| ⚠️ | `4.4-real-openai`").And.Contain("rehearsed, not verified");
    }

    [Fact]
    public void A_rehearsal_with_a_failure_fails_and_still_says_it_is_a_rehearsal()
    {
        var report = GateScenario.Evaluate(GateScenario.Run((run, s) => s.Name == "Proof of 4.4-real-openai" && run.Fail(s, "vector of the wrong length") is not null),
            GateScenario.Settings with { Rehearsal = true });

        report.Verdict.Should().Be(GateVerdict.Fail);
        VerdictWords.Headline(report).Should().StartWith("NOT READY — the acceptance gate fails").And.EndWith("(a rehearsal against the bundled mocks: never ready)");
        report.Criteria.Single(c => c.Criterion.Id == "4.4-real-openai").Verdict.Should().Be(CriterionVerdict.Failed);
    }
}
