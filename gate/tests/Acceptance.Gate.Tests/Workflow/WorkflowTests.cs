using System.Reflection;
using Acceptance.Gate.Running;
using FluentAssertions;
using YamlDotNet.RepresentationModel;

namespace Acceptance.Gate.Tests.Workflow;

/// <summary>The CI workflow runs commands the repository has, with options they accept, and keeps what it makes.</summary>
public sealed class WorkflowTests
{
    private static readonly string RepositoryRoot = TestMachine.RepositoryRoot;

    private static readonly string WorkflowText = File.ReadAllText(Path.Combine(RepositoryRoot, ".github", "workflows", "acceptance-gate.yml"));

    private static readonly WorkflowCommandCheck Checker = new(RepositoryRoot);

    [Fact]
    public void Every_command_of_the_workflow_exists_and_accepts_its_options()
    {
        var result = Checker.Check(WorkflowText);

        result.Problems.Should().BeEmpty();
        result.Checked.Should().Contain([
            "scripts/setup.sh",
            "scripts/gate.sh --shard 1/3 --reports reports/shard-1 --real-apis",
            "scripts/gate.sh --shard 3/3 --reports reports/shard-3",
            "scripts/gate.sh merge shards/gate-shard-* --reports reports/merged",
            "scripts/gate.sh --tags criterion:4.3-stable-under-load,criterion:4.3-resources --soak 30m --reports reports/soak",
        ]);
    }

    [Theory]
    [InlineData("--reports reports/shard-", "--report reports/shard-", "Unknown option '--report'")]
    [InlineData("--shard ${{ matrix.shard }}/", "--shards ${{ matrix.shard }}/", "Unknown option '--shards'")]
    [InlineData("merge shards/gate-shard-* --reports", "merge shards/gate-shard-* --report", "Unknown merge option '--report'")]
    [InlineData("SOAK: ${{ inputs.soak || '30m' }}", "SOAK: ${{ inputs.soak || '30mins' }}", "--soak must be a positive duration")]
    [InlineData("criterion:4.3-resources --soak", "criterion:4.3-resource --soak", "did you mean 'criterion:4.3-resources'")]
    [InlineData("run: bash scripts/setup.sh", "run: bash scripts/set-up.sh", "scripts/set-up.sh is not in the repository")]
    [InlineData("&& '--real-apis' ||", "&& '--real-api' ||", "Unknown option '--real-api'")]
    public void A_misspelt_command_option_or_tag_is_found(string written, string misspelt, string problem)
    {
        WorkflowText.Should().Contain(written, "the test changes the workflow there");

        var result = Checker.Check(WorkflowText.Replace(written, misspelt));

        result.Problems.Should().ContainMatch($"*{problem}*");
    }

    [Fact]
    public void Every_job_has_a_timeout_and_keeps_its_report_folder_even_when_it_fails()
    {
        var jobs = Jobs();
        jobs.Should().ContainKeys("shard", "verdict", "soak");
        foreach (var (name, job) in jobs)
        {
            job.Children.Should().ContainKey(new YamlScalarNode("timeout-minutes"), $"job {name} must not hang for GitHub's 6 hours");
            var uploads = Steps(job).Where(s => Value(s, "uses")?.StartsWith("actions/upload-artifact", StringComparison.Ordinal) == true).ToList();
            uploads.Should().NotBeEmpty($"job {name} keeps its reports");
            uploads.Should().OnlyContain(s => Value(s, "if") == "always()", $"job {name} keeps its reports when the gate fails");
        }
    }

    [Fact]
    public void The_verdict_merges_every_shard_without_setting_up_the_machine()
    {
        var verdict = Jobs()["verdict"];
        Value(verdict, "needs").Should().Be("shard");
        Value(verdict, "if").Should().StartWith("always()", "a failed shard still leaves a report to merge");
        var runs = Steps(verdict).Select(s => Value(s, "run")).OfType<string>().ToList();
        runs.Should().NotContain(r => r.Contains("scripts/setup.sh"));
        runs.Should().ContainSingle(r => r.Contains("scripts/gate.sh merge"));
    }

    private static Dictionary<string, YamlMappingNode> Jobs()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(WorkflowText));
        return ((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["jobs"]).Children
            .ToDictionary(j => ((YamlScalarNode)j.Key).Value!, j => (YamlMappingNode)j.Value);
    }

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) => ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>();

    private static string? Value(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
