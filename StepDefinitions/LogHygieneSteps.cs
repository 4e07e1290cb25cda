using System.Text.RegularExpressions;
using Acceptance.Support.Environment;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>What the service logs must never hold (keys, tokens, documents' text), and what every error line must.</summary>
[Binding]
public sealed partial class LogHygieneSteps(
    ServiceLogReader logs, IPipelineEnvironment environment, Waiter waiter, EvidenceRecorder evidence, IUnitTestRuntimeProvider runtime)
{
    [Then("no service log line of the run holds a key, a token or the text of a document")]
    public void ThenNoLogLineHoldsASecretOrText()
    {
        SkipWithoutLogs();
        var secrets = environment.Secrets.Where(s => s.Length >= 16).ToList();
        var signatures = environment.Tokens.Issued.Select(t => t.Split('.')[2]).ToHashSet(StringComparer.Ordinal);
        var texts = DocumentTexts();
        var lines = 0;
        var leaks = new List<string>();
        foreach (var (service, line) in logs.RawLines())
        {
            lines++;
            if (secrets.Any(line.Contains)) leaks.Add($"{service}: a key or secret of the run");
            if (TokenSignature().Matches(line).Any(m => signatures.Contains(m.Value))) leaks.Add($"{service}: a bearer token");
            if (texts.FirstOrDefault(t => line.Contains(t, StringComparison.Ordinal)) is { } text) leaks.Add($"{service}: document text \"{text}\"");
        }
        evidence.AttachText("log-scan", $"{lines} log lines of {environment.LogFiles.Count} services scanned for {secrets.Count} keys, " +
                                        $"{signatures.Count} tokens and {texts.Count} document passages: {leaks.Count} leaks" +
                                        (leaks.Count > 0 ? "\n" + string.Join('\n', leaks.Distinct()) : ""));
        lines.Should().BeGreaterThan(0);
        leaks.Should().BeEmpty("logs are read by many people and kept for long; secrets and documents' content stay out");
        // Tokens and texts were looked for on any target; keys only where the suite handed them out.
        if (secrets.Count == 0)
            runtime.NotVerifiedOnThisTarget(TargetReadings.KnownKeys, $"no token or document text in the logs, but the {environment.Target} target's " +
                "services use keys and secrets the suite never handed out, so there are none to look for");
    }

    [Then("every error line in the service logs names its error code")]
    public async Task ThenEveryErrorLineNamesItsCode()
    {
        SkipWithoutLogs();
        // The scenario caused at least one error (a document set aside); wait until its line is written.
        var errors = await waiter.UntilAsync("an error line in the pipeline's logs", () => Task.FromResult(logs.PipelineErrorLines()),
            lines => lines.Count > 0, TimeSpan.FromSeconds(30), _ => "no Error-level line from api-server or a base-worker yet");
        evidence.AttachText("error-lines", string.Join('\n', errors.Select(e => $"{e.Service} [{e.ErrorCode ?? "NO CODE"}] {e.Message}")));
        errors.Where(e => string.IsNullOrEmpty(e.ErrorCode)).Should().BeEmpty("an engineer finds an error's meaning and runbook by its code");
    }

    private void SkipWithoutLogs()
    {
        if (!logs.LogsAvailable) runtime.NotVerifiedOnThisTarget(TargetReadings.ServiceLogs, "the target gives no way to read its service logs");
    }

    /// <summary>Passages of the test documents' own wording: distinctive sentences no log line has a reason to quote.</summary>
    private static IReadOnlyList<string> DocumentTexts() =>
        TestDocuments.Valid.Select(d => d.ExpectedTextSnippet).Where(s => s.Length >= 12)
            .Append("we acknowledge receipt of your claim")
            .Append("Named insured:")
            .Distinct()
            .ToList();

    // An HS256 signature: 32 bytes, base64url without padding.
    [GeneratedRegex("[A-Za-z0-9_-]{43}")]
    private static partial Regex TokenSignature();
}
