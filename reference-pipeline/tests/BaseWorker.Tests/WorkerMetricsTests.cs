using System.Collections.Concurrent;
using System.Diagnostics;
using BaseWorker.Tests.Support;
using FluentAssertions;
using Pipeline.Core;
using Pipeline.TestKit;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace BaseWorker.Tests;

/// <summary>The worker process serves its own Prometheus series on Metrics__Url.</summary>
public sealed class WorkerMetricsTests(PostgresServer server)
{
    [Fact]
    public async Task After_a_job_the_worker_reports_stage_durations_provider_answers_pool_and_process_series()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "worker_metrics");
        harness.Providers.Markdown = SampleText.Policy(3);
        var port = FreePort.Next();
        var lines = new ConcurrentQueue<string>();
        using var worker = WorkerProcessTests.StartWorker(harness, lines, new Dictionary<string, string> { ["Metrics__Url"] = $"http://127.0.0.1:{port}" });
        try
        {
            await Eventually.UntilAsync("a \"Worker ready\" line on stdout", () => Task.FromResult(lines.Any(l => l.Contains("Worker ready"))),
                ready => ready, TimeSpan.FromSeconds(30));
            var (_, jobId, _) = await harness.UploadAsync();
            (await harness.WaitForDoneAsync(jobId)).State.Should().Be(JobStates.Done);

            using var http = new HttpClient();
            var text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics", TestContext.Current.CancellationToken);

            text.Should().MatchRegex(@"pipeline_worker_stage_duration_seconds_count\{stage=""chunking""\} [1-9]");
            text.Should().MatchRegex(@"pipeline_worker_stage_duration_seconds_count\{stage=""embedding""\} [1-9]");
            text.Should().MatchRegex(@"pipeline_provider_requests_total\{provider=""llamaparse"",status=""200""\} [1-9]");
            text.Should().MatchRegex(@"pipeline_provider_requests_total\{provider=""openai"",status=""200""\} [1-9]");
            text.Should().MatchRegex(@"pipeline_db_pool_max_connections [1-9]");
            text.Should().MatchRegex(@"process_cpu_seconds_total [0-9]");
        }
        finally
        {
            if (!worker.HasExited) Process.Start("kill", ["-TERM", worker.Id.ToString()])!.WaitForExit();
            await worker.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        }
    }
}
