using Acceptance.Gate.Reporting;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

public sealed class SecretRedactorTests
{
    private static readonly SecretRedactor Redactor = new(new Dictionary<string, string>
    {
        ["OpenAI:ApiKey"] = "sk-live-abcdef123456",
        ["LlamaParse:Secret"] = "llx-secret-value",
        ["Auth:SigningToken"] = "tok-987654321",
        ["Admin:Password"] = "hunter2-long",
        ["ConnectionStrings:Pipeline"] = "Host=127.0.0.1;Port=5433;Username=pipeline;Password=pg-pass-42;Database=docs",
        ["Target"] = "local",
    });

    [Fact]
    public void Masks_values_of_secret_keys_and_only_the_password_of_a_connection_string()
    {
        Redactor.RedactedConfiguration.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["OpenAI:ApiKey"] = "***",
            ["LlamaParse:Secret"] = "***",
            ["Auth:SigningToken"] = "***",
            ["Admin:Password"] = "***",
            ["ConnectionStrings:Pipeline"] = "Host=127.0.0.1;Port=5433;Username=pipeline;Password=***;Database=docs",
            ["Target"] = "local",
        });
        SecretRedactor.IsSecretKey("OPENAI_API_KEY").Should().BeTrue();
        SecretRedactor.IsSecretKey("Pipeline:Url").Should().BeFalse();
    }

    [Fact]
    public void Scrubs_secret_values_from_free_text()
    {
        Redactor.Scrub("401 for key sk-live-abcdef123456 on pg-pass-42 at local")
            .Should().Be("401 for key *** on *** at local");
    }

    [Fact]
    public void No_secret_reaches_any_written_report_even_from_a_failure_message()
    {
        var results = GateScenario.Run((run, s) => s.Name == "Proof of 4.4-keys-and-limits"
            && run.Fail(s, "provider said: invalid key sk-live-abcdef123456") is not null);
        var identity = GateScenario.Identity with { Configuration = new Dictionary<string, string>(
            Redactor.RedactedConfiguration.Keys.Select(k => new KeyValuePair<string, string>(k, Original(k)))) };
        var report = Acceptance.Gate.Readiness.ReadinessEvaluator.Evaluate(
            GateScenario.Inventory, results, [], GateScenario.Settings, identity);
        var directory = Path.Combine(Path.GetTempPath(), $"reports-{Guid.NewGuid():N}");
        try
        {
            var written = ReportSet.Write(report, directory, Redactor);

            written.Should().HaveCount(7, "readiness.md/.json/.html and the four Phase 4 documents");
            File.ReadAllText(Path.Combine(directory, ReadinessHtmlWriter.FileName)).Should().Contain("invalid key ***");
            Redactor.FindLeaks(directory).Should().BeEmpty();
            File.ReadAllText(Path.Combine(directory, ReportSet.ReadinessMarkdown)).Should().Contain("invalid key ***");

            File.AppendAllText(Path.Combine(directory, "leak.txt"), "sk-live-abcdef123456");
            Redactor.FindLeaks(directory).Should().ContainSingle().Which.Should().EndWith("leak.txt");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Original(string key) => key switch
    {
        "OpenAI:ApiKey" => "sk-live-abcdef123456",
        "LlamaParse:Secret" => "llx-secret-value",
        "Auth:SigningToken" => "tok-987654321",
        "Admin:Password" => "hunter2-long",
        "ConnectionStrings:Pipeline" => "Host=127.0.0.1;Port=5433;Username=pipeline;Password=pg-pass-42;Database=docs",
        _ => "local",
    };
}
