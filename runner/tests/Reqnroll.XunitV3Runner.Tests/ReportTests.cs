using System.Text;
using FluentAssertions;
using Xunit;

namespace Reqnroll.XunitV3Runner.Tests;

/// <summary>Output and attachments reach both xUnit and the living documentation; the run writes both reports.</summary>
public sealed class ReportTests(ConformanceRun run)
{
    private const string AttachmentScenario = "Evidence of every kind is attached";

    [Fact]
    public void Output_lines_and_attachments_appear_in_the_xunit_result()
    {
        var test = run.Results[$"Attachments › {AttachmentScenario}"];
        test.Output.Should().Contain("counter is 7");
        test.Attachments.Should().BeEquivalentTo(new[]
        {
            ("counter.txt", "text/plain"), ("counter.json", "application/json"), ("counter.png", "image/png"),
        });
    }

    [Fact]
    public void Output_lines_and_attachments_appear_in_the_message_stream()
    {
        var attachments = run.Messages.Execution(AttachmentScenario).Attachments;
        attachments.Should().Contain(a => a.MediaType == "text/x.cucumber.log+plain" && a.Body == "counter is 7");
        attachments.Single(a => a.FileName == "counter.json").MediaType.Should().Be("application/json");
        Encoding.UTF8.GetString(Convert.FromBase64String(attachments.Single(a => a.FileName == "counter.txt").Body)).Should().Be("counter=7");
        Convert.FromBase64String(attachments.Single(a => a.FileName == "counter.png").Body).Take(4).Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G');
    }

    [Fact]
    public void The_message_stream_describes_one_run_with_every_executed_pickle()
    {
        run.Messages.Count("testRunStarted").Should().Be(1);
        run.Messages.Count("testRunFinished").Should().Be(1);
        run.Messages.Count("gherkinDocument").Should().Be(9);
        // Every pickle started exactly once, including skipped ones and those whose hooks failed.
        run.Messages.Count("testCaseStarted").Should().Be(run.Messages.Count("pickle"));
    }

    [Fact]
    public void The_html_living_documentation_is_written_self_contained_with_the_run_inside()
    {
        var html = File.ReadAllText(Path.Combine(run.ReportsFolder, "living-documentation.html"));
        html.Should().StartWith("<!DOCTYPE html>");
        html.Should().Contain("Evidence of every kind is attached").And.Contain("Failing feature hook");
        html.Should().NotContain("<script src=\"http");
    }
}
