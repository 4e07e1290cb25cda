using FluentAssertions;
using Xunit;

namespace Monitoring.Tests;

/// <summary>
/// monitoring/alerts.yml is valid for Prometheus, its unit tests pass, a misspelt metric name in
/// any rule is caught by them, and every alert links to a runbook that exists.
/// </summary>
public sealed class AlertRuleTests
{
    private static readonly IReadOnlyList<AlertRule> Rules = AlertRule.Load(Promtool.RulesFile);

    [Fact]
    public async Task The_rule_file_is_valid_for_Prometheus()
    {
        var (exitCode, output) = await Promtool.RunAsync("check", "rules", Promtool.RulesFile);
        exitCode.Should().Be(0, output);
        output.Should().Contain($"SUCCESS: {Rules.Count} rules found");
    }

    [Fact]
    public async Task The_rule_unit_tests_pass()
    {
        var (exitCode, output) = await Promtool.RunAsync(["test", "rules", .. Promtool.TestFiles(Promtool.MonitoringFolder)]);
        exitCode.Should().Be(0, output);
    }

    public static TheoryData<string> MetricNames() => new(Rules.SelectMany(r => r.MetricNames).Distinct().Order());

    /// <summary>
    /// The unit tests feed series under the names the services export; a rule that reads a
    /// misspelt name sees nothing and its expected alert does not fire.
    /// </summary>
    [Theory]
    [MemberData(nameof(MetricNames))]
    public async Task A_misspelt_metric_name_in_the_rules_fails_the_unit_tests(string metricName)
    {
        var copy = Directory.CreateTempSubdirectory("alerts-typo-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(copy, "tests"));
            var misspelt = File.ReadAllText(Promtool.RulesFile).Replace(metricName + "{", metricName + "s{").Replace(metricName + "[", metricName + "s[");
            File.WriteAllText(Path.Combine(copy, "alerts.yml"), misspelt);
            foreach (var test in Promtool.TestFiles(Promtool.MonitoringFolder))
                File.Copy(test, Path.Combine(copy, "tests", Path.GetFileName(test)));

            var (exitCode, output) = await Promtool.RunAsync(["test", "rules", .. Promtool.TestFiles(copy)]);

            exitCode.Should().NotBe(0, $"the rules read '{metricName}s' instead of '{metricName}'; promtool said:\n{output}");
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void Every_alert_links_to_a_runbook_in_the_repository_saying_what_to_check_and_do()
    {
        Rules.Should().NotBeEmpty();
        var repository = Path.GetDirectoryName(Promtool.MonitoringFolder)!;
        foreach (var rule in Rules)
        {
            rule.Annotations.Should().ContainKey("runbook_url", $"alert {rule.Name} needs a runbook");
            var page = Path.Combine(repository, rule.Annotations["runbook_url"]);
            File.Exists(page).Should().BeTrue($"alert {rule.Name} links to {rule.Annotations["runbook_url"]}");
            var text = File.ReadAllText(page);
            text.Should().StartWith($"# {rule.Name}").And.Contain("## Check").And.Contain("## Do");
        }
    }

    [Fact]
    public void Every_alert_has_a_unit_test()
    {
        var tests = string.Concat(Promtool.TestFiles(Promtool.MonitoringFolder).Select(File.ReadAllText));
        foreach (var rule in Rules)
            tests.Should().Contain($"alertname: {rule.Name}\n        exp_alerts:", $"alert {rule.Name} needs a test where it fires");
    }
}
