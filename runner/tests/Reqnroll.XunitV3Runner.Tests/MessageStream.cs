using System.Text.Json.Nodes;

namespace Reqnroll.XunitV3Runner.Tests;

/// <summary>
/// The Cucumber message stream (ndjson) read back into the questions the tests ask: which
/// pickles exist, and for a pickle's test case, the status of each step and what was attached.
/// </summary>
public sealed class MessageStream
{
    private readonly List<JsonObject> _envelopes;

    private MessageStream(List<JsonObject> envelopes) => _envelopes = envelopes;

    public static MessageStream Load(string path) =>
        new(File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList());

    public IEnumerable<JsonObject> OfType(string type) =>
        _envelopes.Where(e => e.ContainsKey(type)).Select(e => e[type]!.AsObject());

    public IReadOnlyList<string> PickleNames => OfType("pickle").Select(p => (string)p["name"]!).ToArray();

    public int Count(string type) => OfType(type).Count();

    public JsonObject Pickle(string name) =>
        OfType("pickle").SingleOrDefault(p => (string)p["name"]! == name)
        ?? throw new KeyNotFoundException($"No pickle named '{name}'. Pickles: {string.Join(" | ", PickleNames)}");

    /// <summary>The one execution of the named pickle.</summary>
    public ExecutedTestCase Execution(string pickleName)
    {
        var pickle = Pickle(pickleName);
        var pickleStepIds = pickle["steps"]!.AsArray().Select(s => (string)s!["id"]!).ToList();
        var testCase = OfType("testCase").Single(tc => (string)tc["pickleId"]! == (string)pickle["id"]!);
        var started = OfType("testCaseStarted").Single(s => (string)s["testCaseId"]! == (string)testCase["id"]!);
        var startedId = (string)started["id"]!;
        var stepKinds = testCase["testSteps"]!.AsArray().ToDictionary(
            s => (string)s!["id"]!,
            s => s!["pickleStepId"] is { } pickleStepId ? $"step {pickleStepIds.IndexOf((string)pickleStepId!) + 1}" : "hook");
        var finished = OfType("testStepFinished").Where(f => (string)f["testCaseStartedId"]! == startedId)
            .Select(f => new StepResult(stepKinds[(string)f["testStepId"]!], (string)f["testStepResult"]!["status"]!, (string?)f["testStepResult"]!["message"],
                (string?)f["testStepResult"]!["exception"]?["type"]))
            .ToArray();
        var attachments = OfType("attachment").Where(a => (string?)a["testCaseStartedId"] == startedId)
            .Select(a => new AttachmentRecord((string?)a["fileName"], (string)a["mediaType"]!, (string)a["body"]!))
            .ToArray();
        return new ExecutedTestCase(finished, attachments);
    }
}

public sealed record StepResult(string Kind, string Status, string? Message, string? ExceptionType);

public sealed record AttachmentRecord(string? FileName, string MediaType, string Body);

public sealed record ExecutedTestCase(IReadOnlyList<StepResult> Steps, IReadOnlyList<AttachmentRecord> Attachments)
{
    /// <summary>Statuses of the Gherkin steps only, in order (hooks left out).</summary>
    public IReadOnlyList<string> StepStatuses => Steps.Where(s => s.Kind != "hook").Select(s => s.Status).ToArray();

    public IReadOnlyList<string> HookStatuses => Steps.Where(s => s.Kind == "hook").Select(s => s.Status).ToArray();
}
