using Acceptance.Gate.Cli;
using Acceptance.Gate.Inventory;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Reporting;
using Acceptance.Gate.Results;
using Acceptance.Gate.Sharding;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

public sealed class ShardPlanTests
{
    private static IReadOnlyList<InventoryScenario> Scenarios => ShardedFixture.Inventory.Scenarios;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(12)]
    public void Shards_are_disjoint_complete_and_the_same_every_time(int count)
    {
        var plan = ShardPlan.Create(Scenarios, count);

        plan.Assignments.Should().HaveCount(count);
        plan.Assignments.SelectMany(a => a).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(plan.Features);
        plan.Features.Should().BeEquivalentTo(Scenarios.Select(s => s.Feature).Distinct());
        ShardPlan.Create(Scenarios.Reverse(), count).Assignments.Should().BeEquivalentTo(plan.Assignments, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Without_a_previous_run_shards_get_about_the_same_number_of_scenarios()
    {
        var plan = ShardPlan.Create(Scenarios, 3);

        var sizes = plan.Assignments.Select(a => Scenarios.Count(s => a.Contains(s.Feature))).ToList();
        (sizes.Max() - sizes.Min()).Should().BeLessThanOrEqualTo(Scenarios.GroupBy(s => s.Feature).Max(g => g.Count()));
        plan.BalancedBy.Should().Be("number of scenarios");
    }

    [Fact]
    public void With_a_previous_run_a_slow_feature_gets_a_shard_to_itself()
    {
        var seconds = Scenarios.Select(s => s.Feature).Distinct().ToDictionary(f => f, f => f == "Outcomes" ? 600.0 : 5.0);

        var plan = ShardPlan.Create(Scenarios, 2, seconds);

        plan.Assignments.Should().ContainSingle(a => a.Contains("Outcomes")).Which.Should().Equal("Outcomes");
        plan.BalancedBy.Should().Be("durations of the previous run");
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("two")]
    public void A_bad_shard_option_is_a_usage_error(string text) =>
        FluentActions.Invoking(() => GateOptionsParser.Parse(["--shard", text])).Should().Throw<GateUsageException>().WithMessage("*i/n*");

    [Fact]
    public void A_shard_leaves_out_the_other_shards_features_by_title()
    {
        var arguments = Running.SuiteLaunch.Arguments("suite.dll", new GateOptions { ExcludedFeatures = ["Outcomes"] }, "/tmp/run").ToList();

        arguments.Should().ContainInConsecutiveOrder("-trait-", "FeatureTitle=Outcomes");
    }
}

public sealed class ShardMergeTests
{
    private static readonly ReadinessSettings Settings = new();
    private static RunIdentity Identity(string commit) => new(commit, "main", "sharded", "ci", null, null, new Dictionary<string, string>());

    private static async Task<(int Exit, string Output)> MergeAsync(IReadOnlyList<string> folders, string merged)
    {
        var output = new StringWriter();
        var exit = await ShardMerge.ExecuteAsync(folders, merged, ShardedFixture.Inventory, [], Settings, Identity, output);
        return (exit, output.ToString());
    }

    private static IEnumerable<(string, string, int, ScenarioOutcome)> Outcomes(ReadinessReport report) =>
        report.Scenarios.Select(s => (s.File, s.Name, s.Line, s.Outcome));

    [Fact]
    public async Task Four_shards_merged_give_the_same_scenarios_outcomes_and_verdict_as_one_run()
    {
        using var shards = new ShardedFixture(4);
        var single = ReadinessEvaluator.Evaluate(ShardedFixture.Inventory, MessageStreamReader.Read(ShardedFixture.Messages), [], Settings, Identity("0123abc"));

        var (exit, output) = await MergeAsync(shards.Folders, shards.Merged);

        var merged = ReadinessEvaluator.Evaluate(ShardedFixture.Inventory,
            MessageStreamReader.Read(Path.Combine(shards.Merged, ShardMerge.MessagesFile)), [], Settings, Identity("0123abc"));
        exit.Should().Be(ExitCodes.GateFailed, output);
        merged.Verdict.Should().Be(single.Verdict);
        Outcomes(merged).Should().BeEquivalentTo(Outcomes(single));
        merged.Scenarios.Count(s => s.Outcome != ScenarioOutcome.NotRun).Should().Be(single.Scenarios.Count(s => s.Outcome != ScenarioOutcome.NotRun)).And.BeGreaterThan(20);
        File.ReadAllText(Path.Combine(shards.Merged, ReportSet.ReadinessMarkdown)).Should().Contain("NOT READY");
        File.ReadAllText(Path.Combine(shards.Merged, LivingDocumentation.FileName)).Should().Contain("id=\"gate-verdict\"");
    }

    [Fact]
    public async Task The_merged_stream_reads_as_one_run_with_every_scenario_once()
    {
        using var shards = new ShardedFixture(4);
        var (_, output) = await MergeAsync(shards.Folders, shards.Merged);
        var lines = File.ReadAllLines(Path.Combine(shards.Merged, ShardMerge.MessagesFile));

        lines.Count(l => l.StartsWith("{\"testRunStarted\"")).Should().Be(1, output);
        lines.Count(l => l.StartsWith("{\"testRunFinished\"")).Should().Be(1);
        lines.Count(l => l.StartsWith("{\"meta\"")).Should().Be(1);
        lines.Count(l => l.StartsWith("{\"pickle\"")).Should().Be(File.ReadLines(ShardedFixture.Messages).Count(l => l.StartsWith("{\"pickle\"")));
    }

    [Fact]
    public async Task A_missing_shard_is_an_incomplete_gate_not_a_pass()
    {
        using var shards = new ShardedFixture(4);

        var (exit, output) = await MergeAsync(shards.Folders.Take(3).ToList(), shards.Merged);

        exit.Should().Be(ExitCodes.GateFailed);
        var missing = string.Join(", ", shards.Plan.Assignments[3].Select(f => $"\"{f}\""));
        output.Should().Contain($"incomplete gate: shard(s) 4/4 missing, so their features did not run: {missing}");
        File.ReadAllText(Path.Combine(shards.Merged, ReportSet.ReadinessMarkdown)).Should().Contain("incomplete gate");
    }

    [Fact]
    public async Task A_shard_that_did_not_finish_counts_as_missing()
    {
        using var shards = new ShardedFixture(2);
        File.Delete(Path.Combine(shards.Folders[1], ShardMerge.MessagesFile));

        var (exit, output) = await MergeAsync(shards.Folders, shards.Merged);

        exit.Should().Be(ExitCodes.GateFailed);
        output.Should().Contain("shard 2/2").And.Contain("did not finish").And.Contain("incomplete gate: shard(s) 2/2 missing");
    }

    [Fact]
    public async Task A_shard_given_twice_is_refused()
    {
        using var shards = new ShardedFixture(2);

        var (exit, output) = await MergeAsync([shards.Folders[0], shards.Folders[1], shards.Folders[0]], shards.Merged);

        exit.Should().Be(ExitCodes.BadConfiguration);
        output.Should().Contain("shard 1/2 is given twice");
        Directory.Exists(shards.Merged).Should().BeFalse("nothing is written for a refused merge");
    }

    [Fact]
    public async Task A_shard_of_another_commit_is_refused()
    {
        using var shards = new ShardedFixture(2);
        using var other = new ShardedFixture(2, commit: "fedcba9");

        var (exit, output) = await MergeAsync([shards.Folders[0], other.Folders[1]], shards.Merged);

        exit.Should().Be(ExitCodes.BadConfiguration);
        output.Should().Contain("of commit fedcba9, the others of 0123abc");
    }

    [Fact]
    public async Task Shards_that_overlap_are_refused()
    {
        using var shards = new ShardedFixture(2);
        var second = ShardManifest.Read(shards.Folders[1])!;
        (second with { Features = [.. second.Features, shards.Plan.Assignments[0][0]] }).Write(shards.Folders[1]);

        var (exit, output) = await MergeAsync(shards.Folders, shards.Merged);

        exit.Should().Be(ExitCodes.BadConfiguration);
        output.Should().Contain($"the feature \"{shards.Plan.Assignments[0][0]}\" ran in shard 1/2 and in shard 2/2");
    }

    [Fact]
    public void A_scenario_that_ran_in_two_shards_is_refused()
    {
        FluentActions.Invoking(() => MessageStreamMerger.Merge([("shard 1/2", ShardedFixture.Messages), ("shard 2/2", ShardedFixture.Messages)]))
            .Should().Throw<ShardMergeException>().WithMessage("the scenario \"*\" ran in shard 1/2 and in shard 2/2*");
    }

    [Fact]
    public async Task The_merged_report_names_the_shards_target_and_lists_every_shard()
    {
        using var shards = new ShardedFixture(4);

        var (exit, output) = await MergeAsync(shards.Folders.Take(3).ToList(), shards.Merged);

        var markdown = File.ReadAllText(Path.Combine(shards.Merged, ReportSet.ReadinessMarkdown));
        var html = File.ReadAllText(Path.Combine(shards.Merged, ReadinessHtmlWriter.FileName));
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(shards.Merged, ReportSet.ReadinessJson))).RootElement;
        json.GetProperty("run").GetProperty("target").GetString().Should().Be("local", output);
        markdown.Should().Contain("Merged from 4 shards against target local").And.NotContain("sharded");
        for (var i = 0; i < 3; i++)
        {
            var ran = ShardedFixture.Inventory.Scenarios.Count(s => shards.Plan.Assignments[i].Contains(s.Feature));
            markdown.Should().Contain($"| {i + 1}/4 | `{shards.Folders[i]}` | {ran} | ");
            html.Should().Contain($"<td>{i + 1}/4</td><td><code>{shards.Folders[i]}</code></td><td>{ran}</td>");
        }
        markdown.Should().Contain("| 4/4 | — | 0 | missing: not given, or it did not finish |");
        exit.Should().Be(ExitCodes.GateFailed);
    }

    [Fact]
    public async Task Shards_of_a_rehearsal_merge_into_a_rehearsal_and_never_with_shards_of_a_real_run()
    {
        using var shards = new ShardedFixture(2, rehearsal: true);
        using var real = new ShardedFixture(2);

        var (_, output) = await MergeAsync(shards.Folders, shards.Merged);
        var (mixedExit, mixedOutput) = await MergeAsync([shards.Folders[0], real.Folders[1]], real.Merged);

        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(shards.Merged, ReportSet.ReadinessJson))).RootElement;
        json.GetProperty("settings").GetProperty("rehearsal").GetBoolean().Should().BeTrue(output);
        File.ReadAllText(Path.Combine(shards.Merged, ReportSet.ReadinessMarkdown)).Should().Contain("(a rehearsal against the bundled mocks: never ready)");
        mixedExit.Should().Be(ExitCodes.BadConfiguration);
        mixedOutput.Should().Contain("all rehearsals or none");
    }

    [Fact]
    public async Task Shards_of_another_target_are_refused()
    {
        using var shards = new ShardedFixture(2);
        using var other = new ShardedFixture(2, target: "compose");

        var (exit, output) = await MergeAsync([shards.Folders[0], other.Folders[1]], shards.Merged);

        exit.Should().Be(ExitCodes.BadConfiguration);
        output.Should().Contain("ran against target compose").And.Contain("must test the same target");
    }

    [Fact]
    public void A_shards_own_report_says_not_in_this_selection_for_the_criteria_its_share_left_out()
    {
        // Shard 1/2 ran the Extras feature; "Every criterion" went to the other shard.
        var selection = new ScenarioSelection(["gate"], ["wip", "ignore"], ["Every criterion"], "1/2");
        var run = new FakeRun();
        foreach (var scenario in GateScenario.Inventory.Scenarios.Where(selection.Includes))
            run.Pass(scenario);

        var report = GateScenario.Evaluate(run.Finish().ToResults(), GateScenario.Settings with { Selection = selection });

        report.Criteria.Single(c => c.Criterion.Id == "4.1-complete-lifecycle").Verdict.Should().Be(CriterionVerdict.Verified);
        report.Criteria.Where(c => c.Criterion.Id != "4.1-complete-lifecycle").Should().OnlyContain(c => c.Verdict == CriterionVerdict.NotInSelection);
        report.Verdict.Should().Be(GateVerdict.NotVerified, "nothing failed");
        var markdown = ReadinessMarkdownWriter.Render(report);
        markdown.Should().Contain("not in this selection (shard 1/2 of --tags gate)");
        markdown.Split('\n').Should().NotContain(l => l.StartsWith("| ") && l.Contains("not covered"), "no criterion row says not covered");
        report.Reasons.Should().Contain("criterion 4.5-backup-recovery is not in this selection: 1 scenario left out by shard 1/2 of --tags gate");
        VerdictWords.Headline(report).Should().Be("NOT READY — 19 criteria not in this selection; nothing failed");
        report.PathToReady!.Steps.Should().Contain(s => s.Label == "Merge" && s.Command!.StartsWith("scripts/gate.sh merge"));
    }

    [Fact]
    public async Task A_folder_that_is_not_a_shard_is_refused()
    {
        using var shards = new ShardedFixture(2);
        File.Delete(Path.Combine(shards.Folders[1], ShardManifest.FileName));

        var (exit, output) = await MergeAsync(shards.Folders, shards.Merged);

        exit.Should().Be(ExitCodes.BadConfiguration);
        output.Should().Contain("has no shard.json");
    }
}
