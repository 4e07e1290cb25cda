using Acceptance.Gate.Readiness;
using Acceptance.Gate.Reporting;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

public sealed class BaselineTests
{
    private const string Timeline = """
        {"stages": 9, "baselines": [
          {"name": "parsing p95", "value": 1300, "unit": "ms"},
          {"name": "throughput", "value": 7.5, "unit": "documents/min", "better": "higher"},
          {"name": "no value", "unit": "ms"}]}
        """;

    [Fact]
    public void Collects_single_and_listed_baselines_and_ignores_other_json()
    {
        var metrics = BaselineCollector.Parse("""{"baseline": {"name": "database recovery", "value": 4.2, "unit": "s"}}""", "DB outage")
            .Concat(BaselineCollector.Parse(Timeline, "Workload"))
            .Concat(BaselineCollector.Parse("""{"counter": 7}""", "Other"))
            .Concat(BaselineCollector.Parse("not json", "Other"))
            .ToList();

        metrics.Should().Equal(
            new BaselineMetric("database recovery", 4.2, "s", "lower", "DB outage"),
            new BaselineMetric("parsing p95", 1300, "ms", "lower", "Workload"),
            new BaselineMetric("throughput", 7.5, "documents/min", "higher", "Workload"));
    }

    [Fact]
    public void Flags_a_regression_only_when_worse_by_more_than_the_threshold()
    {
        var previous = new[]
        {
            new BaselineMetric("parsing p95", 1000, "ms", "lower", ""),
            new BaselineMetric("embedding p95", 1000, "ms", "lower", ""),
            new BaselineMetric("throughput", 10, "documents/min", "higher", ""),
        };
        var current = new[]
        {
            new BaselineMetric("parsing p95", 1300, "ms", "lower", "Workload"),
            new BaselineMetric("embedding p95", 1100, "ms", "lower", "Workload"),
            new BaselineMetric("throughput", 7.5, "documents/min", "higher", "Workload"),
            new BaselineMetric("new metric", 1, "ms", "lower", "Workload"),
        };

        var compared = BaselineComparer.Compare(current, previous, thresholdPercent: 20);

        compared.Select(c => (c.Name, c.Regressed)).Should().Equal(
            ("parsing p95", true), ("embedding p95", false), ("throughput", true), ("new metric", false));
        compared[0].DeltaPercent.Should().BeApproximately(30, 0.001);
        compared[3].Previous.Should().BeNull();
    }

    [Fact]
    public void Reads_back_the_baselines_a_previous_readiness_json_recorded_and_flags_the_regression()
    {
        var first = GateScenario.Run((run, s) => s.Name == "Proof of 4.3-stable-under-load"
            && run.Pass(s, ("stage-durations.json", """{"baseline": {"name": "parsing p95", "value": 1000, "unit": "ms"}}""")) is not null);
        var second = GateScenario.Run((run, s) => s.Name == "Proof of 4.3-stable-under-load"
            && run.Pass(s, ("stage-durations.json", """{"baseline": {"name": "parsing p95", "value": 1500, "unit": "ms"}}""")) is not null);
        var path = Path.Combine(Path.GetTempPath(), $"readiness-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, ReadinessJsonWriter.Render(GateScenario.Evaluate(first)));
            var previous = PreviousRun.LoadBaselines(path);

            var report = ReadinessEvaluator.Evaluate(GateScenario.Inventory, second, [], GateScenario.Settings, GateScenario.Identity, previous);

            previous.Should().ContainSingle().Which.Should().Be(new BaselineMetric("parsing p95", 1000, "ms", "lower", "Proof of 4.3-stable-under-load"));
            report.Baselines.Should().ContainSingle().Which.Should().Match<BaselineComparison>(b => b.Regressed && b.Previous == 1000);
            report.Verdict.Should().Be(GateVerdict.Pass, because: "a regression is reported, and blocks only when configured to");
            ReadinessEvaluator.Evaluate(GateScenario.Inventory, second, [], GateScenario.Settings with { BlockOnRegression = true },
                GateScenario.Identity, previous).Reasons.Should().ContainSingle(r => r.Contains("baseline parsing p95 regressed by 50%"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_blocking_baseline_with_its_own_threshold_fails_the_gate_with_the_comparison()
    {
        var metrics = BaselineCollector.Parse("""
            {"baselines": [{"name": "peak resident memory: base-worker-1", "value": 160, "unit": "MiB", "regressionPercent": 25, "blocking": true}]}
            """, "Resources").ToList();
        metrics.Should().Equal(new BaselineMetric("peak resident memory: base-worker-1", 160, "MiB", "lower", "Resources", 25, true));
        var previous = new[] { new BaselineMetric("peak resident memory: base-worker-1", 120, "MiB", "lower", "Resources") };

        var within = BaselineComparer.Compare([metrics[0] with { Value = 149 }], previous, thresholdPercent: 20).Single();
        var beyond = BaselineComparer.Compare(metrics, previous, thresholdPercent: 50).Single();

        within.Regressed.Should().BeFalse("24% more is within the metric's own 25%");
        beyond.Should().Match<BaselineComparison>(b => b.Regressed && b.Blocking && b.ThresholdPercent == 25,
            "33% more is beyond the metric's 25%, whatever the run's threshold");
    }
}
