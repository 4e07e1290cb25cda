using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using BaseWorker.Tests.Support;
using FluentAssertions;
using Pipeline.Core;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace BaseWorker.Tests;

/// <summary>The base-worker as the suite runs it: a child process configured by environment variables.</summary>
public sealed class WorkerProcessTests(PostgresServer server)
{
    [Fact]
    public async Task The_process_logs_ready_then_json_lines_carrying_the_jobs_ids_and_stops_cleanly_on_sigterm()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "process_logs");
        harness.Providers.Markdown = SampleText.Policy(3);
        var lines = new ConcurrentQueue<string>();
        using var worker = StartWorker(harness, lines);
        try
        {
            await Eventually.UntilAsync("a \"Worker ready\" line on stdout", () => Task.FromResult(lines.Any(l => l.Contains("Worker ready"))),
                ready => ready, TimeSpan.FromSeconds(30));

            var (documentId, jobId, correlationId) = await harness.UploadAsync();
            (await harness.WaitForDoneAsync(jobId)).State.Should().Be(JobStates.Done);

            var records = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
            records.Should().OnlyContain(r => r.ValueKind == JsonValueKind.Object && HasTimestamp(r), "every stdout line is one compact JSON object");
            var aboutTheJob = records.Where(r => r.TryGetProperty("JobId", out var id) && id.GetString() == jobId.ToString()).ToList();
            aboutTheJob.Should().HaveCountGreaterThan(5);
            aboutTheJob.Should().OnlyContain(r => r.GetProperty("CorrelationId").GetString() == correlationId.ToString()
                                                  && r.GetProperty("DocumentId").GetString() == documentId.ToString());
            lines.Where(l => l.Contains(jobId.ToString())).Should().OnlyContain(l => l.Contains(correlationId.ToString()),
                "no line about the job lacks its correlation id");
        }
        finally
        {
            if (!worker.HasExited) Process.Start("kill", ["-TERM", worker.Id.ToString()])!.WaitForExit();
            await worker.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        }

        worker.ExitCode.Should().Be(0);
        lines.Should().Contain(l => l.Contains("Worker {WorkerId} stopped"));
    }

    private static bool HasTimestamp(JsonElement record) => record.TryGetProperty("@t", out var timestamp) && timestamp.ValueKind == JsonValueKind.String;

    internal static Process StartWorker(WorkerHarness harness, ConcurrentQueue<string> lines, IReadOnlyDictionary<string, string>? extra = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BaseWorker.dll"));
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Pipeline"] = harness.Database.ConnectionString,
            ["Pipeline__StorageRoot"] = harness.StorageRoot,
            ["Worker__Id"] = "process-worker",
            ["Worker__IdlePollMs"] = "50",
            ["Worker__ParsePollSeconds"] = "0",
            ["LlamaParse__BaseUrl"] = harness.Providers.BaseUrl,
            ["LlamaParse__ApiKey"] = "llx-test-key",
            ["LlamaParse__WebhookUrl"] = WorkerHarness.WebhookUrl,
            ["OpenAI__BaseUrl"] = harness.Providers.BaseUrl,
            ["OpenAI__ApiKey"] = "sk-test-key",
            ["OpenAI__Model"] = "text-embedding-3-small",
            ["Chunking__MaxTokens"] = "64",
            ["Chunking__OverlapTokens"] = "8",
        };
        foreach (var (name, value) in environment.Concat(extra ?? new Dictionary<string, string>())) start.Environment[name] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (!string.IsNullOrWhiteSpace(e.Data)) lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (!string.IsNullOrWhiteSpace(e.Data)) lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
