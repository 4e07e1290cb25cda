using Acceptance.Gate.Reporting;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

public sealed class LatencyReportTests
{
    [Fact]
    public void The_runs_latency_comparison_and_its_chart_are_added_to_the_readiness_report_scrubbed_of_secrets()
    {
        var folder = Directory.CreateTempSubdirectory("latency-report-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, ReportSet.ReadinessMarkdown), "# Readiness\n");
            File.WriteAllText(Path.Combine(folder, LatencyReport.TableFile),
                "| provider | real services |\n|---|---|\n| openai | not verified: no OPENAI_API_KEY (key sk-live-abcdef123456) |\n");
            File.WriteAllBytes(Path.Combine(folder, LatencyReport.ChartFile), [0x89, 0x50, 0x4E, 0x47]);

            LatencyReport.Append(folder, folder, new SecretRedactor(new Dictionary<string, string> { ["OpenAI:ApiKey"] = "sk-live-abcdef123456" }));

            var readiness = File.ReadAllText(Path.Combine(folder, ReportSet.ReadinessMarkdown));
            readiness.Should().Contain("## Real versus mock: latency").And.Contain("not verified: no OPENAI_API_KEY")
                .And.Contain($"]({LatencyReport.ChartFile})").And.NotContain("sk-live-abcdef123456");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_real_api_pass_in_its_own_folder_gives_the_comparison_and_links_its_chart_there()
    {
        var folder = Directory.CreateTempSubdirectory("latency-report-").FullName;
        var realApi = Directory.CreateDirectory(Path.Combine(folder, Running.SuitePasses.RealApiFolder)).FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, ReportSet.ReadinessMarkdown), "# Readiness\n");
            File.WriteAllText(Path.Combine(folder, LatencyReport.TableFile), "| provider | real services |\n| openai | not verified: real-API mode is off |\n");
            File.WriteAllText(Path.Combine(realApi, LatencyReport.TableFile), "| provider | real services |\n| openai | measured |\n");
            File.WriteAllBytes(Path.Combine(realApi, LatencyReport.ChartFile), [0x89, 0x50, 0x4E, 0x47]);

            LatencyReport.Append(folder, realApi, SecretRedactor.None);

            File.ReadAllText(Path.Combine(folder, ReportSet.ReadinessMarkdown)).Should().Contain("| openai | measured |")
                .And.NotContain("real-API mode is off").And.Contain($"](real-api/{LatencyReport.ChartFile})");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_run_without_a_comparison_leaves_the_readiness_report_as_it_was()
    {
        var folder = Directory.CreateTempSubdirectory("latency-report-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, ReportSet.ReadinessMarkdown), "# Readiness\n");

            LatencyReport.Append(folder, folder, SecretRedactor.None);

            File.ReadAllText(Path.Combine(folder, ReportSet.ReadinessMarkdown)).Should().Be("# Readiness\n");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
