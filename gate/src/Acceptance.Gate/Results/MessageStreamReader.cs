using System.Text;
using System.Text.Json.Nodes;

namespace Acceptance.Gate.Results;

/// <summary>
/// Reads a run's Cucumber Messages (ndjson) into one <see cref="ScenarioResult"/> per pickle that
/// has a test case. Only the fields the gate needs are read, so newer protocol versions still work.
/// </summary>
public static class MessageStreamReader
{
    private const string DynamicSkipMarker = "$XunitDynamicSkip$";

    public static RunResults Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader);
    }

    public static RunResults Read(TextReader reader)
    {
        var stream = new MessageIndex();
        while (reader.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
                stream.Add(JsonNode.Parse(line)!.AsObject());
        }
        return stream.ToRunResults();
    }

    private sealed class MessageIndex
    {
        private readonly Dictionary<string, int> _astLines = new();
        private readonly Dictionary<string, JsonObject> _pickles = new();
        private readonly Dictionary<string, string> _pickleOfTestCase = new();
        private readonly Dictionary<string, string> _pickleStepOfTestStep = new();
        private readonly Dictionary<string, string> _pickleStepTexts = new();
        private readonly Dictionary<string, Attempt> _attempts = new();
        private readonly Dictionary<string, string> _runHookNames = new();
        private readonly Dictionary<string, string> _hookNames = new();
        private readonly List<string> _failedRunHooks = [];
        private DateTimeOffset? _startedAt;
        private DateTimeOffset? _finishedAt;
        private bool? _success;
        private string? _runFailure;

        public void Add(JsonObject message)
        {
            if (message["gherkinDocument"] is JsonObject document) IndexLines(document);
            else if (message["pickle"] is JsonObject pickle) IndexPickle(pickle);
            else if (message["testCase"] is JsonObject testCase) IndexTestCase(testCase);
            else if (message["testCaseStarted"] is JsonObject started) _attempts[(string)started["id"]!] = new Attempt(
                (string)started["testCaseId"]!, (int?)started["attempt"] ?? 0, Timestamp(started["timestamp"]));
            else if (message["testStepFinished"] is JsonObject step) AttemptOf(step)?.AddStep(step["testStepResult"]!.AsObject(), StepText(step));
            else if (message["attachment"] is JsonObject attachment) AttemptOf(attachment)?.Attachments.Add(ToEvidence(attachment));
            else if (message["testCaseFinished"] is JsonObject finished && AttemptOf(finished) is { } attempt) attempt.FinishedAt = Timestamp(finished["timestamp"]);
            else if (message["hook"] is JsonObject hook) _hookNames[(string)hook["id"]!] = HookName(hook);
            else if (message["testRunHookStarted"] is JsonObject hookStarted) _runHookNames[(string)hookStarted["id"]!] = (string?)hookStarted["hookId"] ?? "";
            else if (message["testRunHookFinished"] is JsonObject hookFinished) RecordRunHook(hookFinished);
            else if (message["testRunStarted"] is JsonObject runStarted) _startedAt = Timestamp(runStarted["timestamp"]);
            else if (message["testRunFinished"] is JsonObject runFinished) RecordRunFinished(runFinished);
        }

        public RunResults ToRunResults()
        {
            var lastAttempts = _attempts.Values
                .Where(a => _pickleOfTestCase.ContainsKey(a.TestCaseId))
                .GroupBy(a => _pickleOfTestCase[a.TestCaseId])
                .Where(g => _pickles.ContainsKey(g.Key))
                .Select(g => ToResult(_pickles[g.Key], g.MaxBy(a => (a.Number, a.StartedAt))!, g.Count()))
                .ToList();
            return new RunResults(lastAttempts, _startedAt, _finishedAt, _success, _runFailure, _failedRunHooks);
        }

        private ScenarioResult ToResult(JsonObject pickle, Attempt attempt, int attempts)
        {
            var astNodeIds = pickle["astNodeIds"]!.AsArray().Select(n => (string)n!).ToList();
            var tags = pickle["tags"]?.AsArray().Select(t => (string)t!["name"]!).ToList() ?? [];
            var (status, failure, skipReason) = attempt.Verdict(tags);
            var failedStep = attempt.FirstFailure;
            return new ScenarioResult(
                (string)pickle["id"]!,
                (string)pickle["uri"]!,
                (string)pickle["name"]!,
                tags,
                astNodeIds.Count > 0 && _astLines.TryGetValue(astNodeIds[0], out var line) ? line : null,
                astNodeIds.Count > 1 && _astLines.TryGetValue(astNodeIds[1], out var row) ? row : null,
                StepStatus.ToOutcome(status),
                status,
                failure,
                skipReason,
                attempt.FinishedAt is { } end && attempt.StartedAt is { } start ? end - start : TimeSpan.Zero,
                attempts,
                attempt.Attachments,
                failure is null ? null : failedStep?.ExceptionType,
                failure is null ? null : failedStep?.Text);
        }

        private void IndexPickle(JsonObject pickle)
        {
            _pickles[(string)pickle["id"]!] = pickle;
            foreach (var step in pickle["steps"]?.AsArray() ?? [])
            {
                if (step?["id"] is JsonValue id && step["text"] is JsonValue text)
                    _pickleStepTexts[(string)id!] = (string)text!;
            }
        }

        private void IndexTestCase(JsonObject testCase)
        {
            _pickleOfTestCase[(string)testCase["id"]!] = (string)testCase["pickleId"]!;
            foreach (var step in testCase["testSteps"]?.AsArray() ?? [])
            {
                if (step?["id"] is JsonValue id && step["pickleStepId"] is JsonValue pickleStep)
                    _pickleStepOfTestStep[(string)id!] = (string)pickleStep!;
            }
        }

        /// <summary>The Gherkin text of a finished test step (null for hooks).</summary>
        private string? StepText(JsonObject stepFinished) =>
            stepFinished["testStepId"] is JsonValue id
            && _pickleStepOfTestStep.TryGetValue((string)id!, out var pickleStep)
            && _pickleStepTexts.TryGetValue(pickleStep, out var text)
                ? text
                : null;

        private Attempt? AttemptOf(JsonObject message) =>
            message["testCaseStartedId"] is JsonValue id && _attempts.TryGetValue((string)id!, out var attempt) ? attempt : null;

        // Every AST node with an id and a location (scenario, example row, tag) by id.
        private void IndexLines(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                if (obj["id"] is JsonValue id && obj["location"]?["line"] is JsonValue line)
                    _astLines[(string)id!] = (int)line;
                foreach (var (_, child) in obj)
                    IndexLines(child);
            }
            else if (node is JsonArray array)
            {
                foreach (var child in array)
                    IndexLines(child);
            }
        }

        private void RecordRunHook(JsonObject finished)
        {
            var result = finished["result"]?.AsObject();
            var status = (string?)result?["status"] ?? StepStatus.Passed;
            if (StepStatus.Severity(status) < 2)
                return;
            var hookId = _runHookNames.GetValueOrDefault((string?)finished["testRunHookStartedId"] ?? "") ?? "";
            var name = _hookNames.GetValueOrDefault(hookId, "a test-run hook");
            _failedRunHooks.Add($"{name} {status.ToLowerInvariant()}: {Message(result)}");
        }

        private void RecordRunFinished(JsonObject finished)
        {
            _finishedAt = Timestamp(finished["timestamp"]);
            _success = (bool?)finished["success"];
            _runFailure = (string?)finished["message"] ?? (string?)finished["exception"]?["message"];
        }

        private static string HookName(JsonObject hook)
        {
            var method = hook["sourceReference"]?["javaMethod"];
            var type = (string?)hook["type"] ?? "hook";
            return method is null ? type : $"{(string?)method["methodName"]} ({type})";
        }

        private static EvidenceAttachment ToEvidence(JsonObject attachment)
        {
            var mediaType = (string?)attachment["mediaType"] ?? "application/octet-stream";
            var fileName = (string?)attachment["fileName"];
            var isJson = mediaType.Contains("json", StringComparison.OrdinalIgnoreCase)
                         || (fileName?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ?? false);
            return new EvidenceAttachment(fileName, mediaType, isJson ? Body(attachment) : null);
        }

        private static string Body(JsonObject attachment)
        {
            var body = (string?)attachment["body"] ?? "";
            return (string?)attachment["contentEncoding"] == "BASE64"
                ? Encoding.UTF8.GetString(Convert.FromBase64String(body))
                : body;
        }

        internal static string? Message(JsonObject? result) =>
            (string?)result?["message"] ?? (string?)result?["exception"]?["message"];

        private static DateTimeOffset? Timestamp(JsonNode? timestamp) =>
            timestamp is null
                ? null
                : DateTimeOffset.FromUnixTimeSeconds((long)timestamp["seconds"]!)
                    .AddTicks(((long?)timestamp["nanos"] ?? 0) / 100);

        private sealed class Attempt(string testCaseId, int number, DateTimeOffset? startedAt)
        {
            private readonly List<FinishedStep> _steps = [];

            public string TestCaseId { get; } = testCaseId;
            public int Number { get; } = number;
            public DateTimeOffset? StartedAt { get; } = startedAt;
            public DateTimeOffset? FinishedAt { get; set; }
            public List<EvidenceAttachment> Attachments { get; } = [];

            public void AddStep(JsonObject result, string? text) =>
                _steps.Add(new FinishedStep((string?)result["status"] ?? "UNKNOWN", Message(result), (string?)result["exception"]?["type"], text));

            /// <summary>The first step (or hook) that failed: its exception type and Gherkin text tell a timeout from a wrong result.</summary>
            public FinishedStep? FirstFailure => _steps.FirstOrDefault(s => StepStatus.Severity(s.Status) == 2);

            public (string Status, string? Failure, string? SkipReason) Verdict(IReadOnlyList<string> tags)
            {
                if (FinishedAt is null)
                    return ("UNKNOWN", "the test case started but never finished (the run was cut short)", null);
                if (_steps.Count == 0)
                {
                    var why = tags.Contains("@ignore", StringComparer.OrdinalIgnoreCase) ? "ignored (@ignore)" : "no step ran";
                    return (StepStatus.Skipped, null, why);
                }
                var worst = _steps.MaxBy(s => StepStatus.Severity(s.Status))!.Status;
                var failure = FirstFailure;
                var skip = _steps.FirstOrDefault(s => s.Status == StepStatus.Skipped && s.Message is not null);
                return (worst,
                    failure is null ? null : failure.Message ?? $"a step was {failure.Status.ToLowerInvariant()}",
                    StepStatus.Severity(worst) == 1 ? SkipReason(skip?.Message) : null);
            }

            private static string SkipReason(string? message) =>
                message is null ? "skipped" : message.Replace(DynamicSkipMarker, "", StringComparison.Ordinal).Trim();
        }

        private sealed record FinishedStep(string Status, string? Message, string? ExceptionType, string? Text);
    }
}
