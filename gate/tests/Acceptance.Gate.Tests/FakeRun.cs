using System.Text;
using System.Text.Json;
using Acceptance.Gate.Inventory;
using Acceptance.Gate.Results;

namespace Acceptance.Gate.Tests;

/// <summary>
/// Writes a small Cucumber message stream the way the runner does, for scenarios of a fixture
/// inventory. It carries no GherkinDocuments, so results match by file, name and position.
/// </summary>
internal sealed class FakeRun
{
    private readonly List<object> _messages = [];
    private readonly Dictionary<InventoryScenario, string> _testCases = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<InventoryScenario, string> _failingStepTexts = new(ReferenceEqualityComparer.Instance);
    private const int StepsPerPickle = 4;
    private int _next;
    private long _clock = 1_800_000_000;

    public FakeRun() => _messages.Add(new { testRunStarted = new { id = "run", timestamp = Now() } });

    public FakeRun Pass(InventoryScenario scenario, params (string FileName, string Json)[] evidence) =>
        Attempt(scenario, 0, ["PASSED", "PASSED"], evidence);

    public FakeRun Fail(InventoryScenario scenario, string message) => Attempt(scenario, 0, ["PASSED", "FAILED"], [], message);

    /// <summary>The scenario's second step fails with an exception of <paramref name="exceptionType"/>; that step reads <paramref name="stepText"/>.</summary>
    public FakeRun Fail(InventoryScenario scenario, string message, string exceptionType, string stepText = "the last step holds")
    {
        _failingStepTexts[scenario] = stepText;
        return Attempt(scenario, 0, ["PASSED", "FAILED"], [], message, exceptionType);
    }

    public FakeRun Skip(InventoryScenario scenario, string reason) =>
        Attempt(scenario, 0, ["PASSED", "SKIPPED"], [], "$XunitDynamicSkip$" + reason);

    public FakeRun Attempt(InventoryScenario scenario, int attempt, string[] statuses,
        (string FileName, string Json)[] evidence, string? message = null, string? exceptionType = null)
    {
        var testCase = TestCaseOf(scenario);
        var started = $"started-{_next++}";
        _messages.Add(new { testCaseStarted = new { id = started, testCaseId = testCase, attempt, timestamp = Now() } });
        foreach (var (fileName, json) in evidence)
            _messages.Add(new { attachment = new
            {
                testCaseStartedId = started, fileName, mediaType = "application/json", contentEncoding = "BASE64",
                body = Convert.ToBase64String(Encoding.UTF8.GetBytes(json)),
            } });
        foreach (var (status, index) in statuses.Select((s, i) => (s, i)))
            _messages.Add(new { testStepFinished = new
            {
                testCaseStartedId = started,
                testStepId = index < StepsPerPickle ? $"{testCase}-step-{index}" : null,
                testStepResult = new
                {
                    status, message = status is "PASSED" ? null : message, duration = new { seconds = 0, nanos = 1000 },
                    exception = status is "FAILED" && exceptionType is not null ? new { type = exceptionType, message } : null,
                },
            } });
        _messages.Add(new { testCaseFinished = new { testCaseStartedId = started, timestamp = Now(), willBeRetried = false } });
        return this;
    }

    public FakeRun RunHookFailed(string message)
    {
        _messages.Add(new { hook = new { id = "hook-1", type = "BEFORE_TEST_RUN", sourceReference = new { javaMethod = new { methodName = "StartPipeline" } } } });
        _messages.Add(new { testRunHookStarted = new { id = "hook-run-1", hookId = "hook-1" } });
        _messages.Add(new { testRunHookFinished = new { testRunHookStartedId = "hook-run-1", result = new { status = "FAILED", message } } });
        return this;
    }

    public FakeRun Finish(bool success = true)
    {
        _messages.Add(new { testRunFinished = new { success, timestamp = Now() } });
        return this;
    }

    public string ToNdjson() =>
        string.Join('\n', _messages.Select(m => JsonSerializer.Serialize(m, new JsonSerializerOptions
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        })));

    public RunResults ToResults() => MessageStreamReader.Read(new StringReader(ToNdjson()));

    private string TestCaseOf(InventoryScenario scenario)
    {
        if (_testCases.TryGetValue(scenario, out var id))
            return id;
        id = $"case-{_testCases.Count}";
        _testCases[scenario] = id;
        var pickleId = $"pickle-{_testCases.Count}";
        _messages.Add(new { pickle = new
        {
            id = pickleId, uri = scenario.File, name = scenario.Name, astNodeIds = Array.Empty<string>(),
            tags = scenario.Tags.Select(t => new { name = t.Name, astNodeId = "" }).ToArray(),
            steps = Enumerable.Range(0, StepsPerPickle).Select(i => new
            {
                id = $"{pickleId}-step-{i}",
                text = i == 1 && _failingStepTexts.TryGetValue(scenario, out var failing) ? failing : $"step {i + 1} holds",
            }).ToArray(),
        } });
        _messages.Add(new { testCase = new
        {
            id, pickleId,
            testSteps = Enumerable.Range(0, StepsPerPickle).Select(i => new { id = $"{id}-step-{i}", pickleStepId = $"{pickleId}-step-{i}" }).ToArray(),
        } });
        return id;
    }

    private object Now() => new { seconds = _clock++, nanos = 0 };
}
