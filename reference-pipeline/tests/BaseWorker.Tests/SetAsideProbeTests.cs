using BaseWorker.Tests.Support;
using FluentAssertions;
using Pipeline.Contract;
using Pipeline.Core;
using Pipeline.Core.Events;
using Pipeline.Tests.Support;
using Xunit;

namespace BaseWorker.Tests;

/// <summary>
/// A parser outage longer than the retry window, as the worker lives it: the job is set aside once,
/// then probed again and again until the parser is back. Each set-aside is one error in the log; a
/// probe that finds the parser still down is information, and no attempt of the job.
/// </summary>
public sealed class SetAsideProbeTests(PostgresServer server)
{
    [Fact]
    public async Task An_outage_logs_one_error_per_job_set_aside_and_its_probes_neither_log_errors_nor_count_as_attempts()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "probe_outage",
            new Dictionary<string, string?> { ["Worker:RetryWindowSeconds"] = "2", ["Worker:RevivalIntervalSeconds"] = "1" });
        harness.Providers.Markdown = SampleText.Policy(3);
        harness.Providers.ParserStatus = _ => "ERROR";
        await harness.StartAsync();

        var (_, jobId, _) = await harness.UploadAsync();
        var setAside = await harness.WaitForStateAsync(jobId, JobStates.Deadletter);
        await Eventually.UntilAsync("two probes that found the parser still failing",
            () => harness.Database.EventsAsync(jobId), events => events.Count(e => e.EventType == EventTypes.Deadlettered) >= 3,
            TimeSpan.FromSeconds(30));

        var lines = harness.Logs.Lines.Where(l => l.Contains(jobId.ToString(), StringComparison.Ordinal)).ToList();
        lines.Where(l => l.StartsWith("Error:", StringComparison.Ordinal)).Should().ContainSingle("the job was set aside once; probes only learn the outage goes on");
        lines.Count(l => l.StartsWith("Information:", StringComparison.Ordinal) && l.Contains("still failing", StringComparison.Ordinal))
            .Should().BeGreaterThanOrEqualTo(2);
        (await harness.Database.JobAsync(jobId)).AttemptCount.Should().Be(setAside.AttemptCount, "a probe asks about the parser, not the job");

        harness.Providers.ParserStatus = _ => "SUCCESS";
        var done = await harness.WaitForStateAsync(jobId, JobStates.Done, TimeSpan.FromSeconds(30));

        done.Stage.Should().Be(Stages.Embedded);
        done.LastErrorCode.Should().BeNull("the job recovered: its old error no longer describes it");
        done.LastErrorMessage.Should().BeNull();
    }
}
