using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace Monitoring.Tests;

/// <summary>The alerting rules of a Prometheus rule file, as promtool and Prometheus read them.</summary>
internal sealed partial record AlertRule(string Name, string Expression, IReadOnlyDictionary<string, string> Annotations)
{
    public static IReadOnlyList<AlertRule> Load(string path)
    {
        var file = new DeserializerBuilder().WithNamingConvention(YamlDotNet.Serialization.NamingConventions.CamelCaseNamingConvention.Instance).IgnoreUnmatchedProperties().Build().Deserialize<RuleFile>(File.ReadAllText(path));
        return file.Groups.SelectMany(g => g.Rules).Where(r => r.Alert is not null)
            .Select(r => new AlertRule(r.Alert!, r.Expr, r.Annotations)).ToList();
    }

    /// <summary>Metric names the expression reads (identifiers followed by a selector or range).</summary>
    public IReadOnlyList<string> MetricNames => MetricName().Matches(Expression).Select(m => m.Groups[1].Value).Distinct().ToList();

    [GeneratedRegex(@"\b([a-z_][a-z0-9_]*)\s*[{\[]")]
    private static partial Regex MetricName();

    private sealed class RuleFile
    {
        public List<RuleGroup> Groups { get; set; } = [];
    }

    private sealed class RuleGroup
    {
        public List<Rule> Rules { get; set; } = [];
    }

    private sealed class Rule
    {
        public string? Alert { get; set; }
        public string Expr { get; set; } = "";
        public Dictionary<string, string> Annotations { get; set; } = [];
    }
}
