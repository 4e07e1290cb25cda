using System.Xml.Linq;

namespace Reqnroll.XunitV3Runner.Tests;

/// <summary>xUnit's XML results, reduced to what the conformance tests look at.</summary>
public sealed class XunitResults
{
    private readonly Dictionary<string, XunitTestResult> _byName;

    private XunitResults(IEnumerable<XunitTestResult> tests)
    {
        Tests = tests.ToArray();
        _byName = Tests.ToDictionary(t => t.Name);
    }

    public IReadOnlyList<XunitTestResult> Tests { get; }

    public XunitTestResult this[string displayName] =>
        _byName.TryGetValue(displayName, out var test)
            ? test
            : throw new KeyNotFoundException($"No test named '{displayName}'. Tests: {string.Join(" | ", _byName.Keys)}");

    public static XunitResults Load(string path) =>
        new(XDocument.Load(path).Descendants("test").Select(test => new XunitTestResult(
            (string)test.Attribute("name")!,
            (string)test.Attribute("result")!,
            (string?)test.Element("failure")?.Element("message") ?? "",
            (string?)test.Element("reason") ?? "",
            (string?)test.Element("output") ?? "",
            test.Element("traits")?.Elements("trait").Select(t => ((string)t.Attribute("name")!, (string)t.Attribute("value")!)).ToArray() ?? [],
            test.Element("attachments")?.Elements("attachment").Select(a => ((string)a.Attribute("name")!, (string)a.Attribute("media-type")!)).ToArray() ?? [])));
}

public sealed record XunitTestResult(
    string Name, string Result, string FailureMessage, string SkipReason, string Output,
    IReadOnlyList<(string Name, string Value)> Traits, IReadOnlyList<(string Name, string MediaType)> Attachments);
