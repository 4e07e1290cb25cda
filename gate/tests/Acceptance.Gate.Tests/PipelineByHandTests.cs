using System.Diagnostics;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using Acceptance.Gate.Running;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

/// <summary>
/// scripts/pipeline.sh as a person uses it: up, upload with the printed token as curl would, down;
/// afterwards no process it started is left.
/// </summary>
public sealed class PipelineByHandTests : IDisposable
{
    private static readonly string RepositoryRoot = typeof(GateRun).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("pipeline-by-hand-").FullName;

    private static CancellationToken Cancelled => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Starts_the_pipeline_takes_an_upload_and_stops_everything_it_started()
    {
        var up = await PipelineScriptAsync("up");
        up.Exit.Should().Be(0, up.Output);
        up.Output.Should().Contain("curl -s -H \"Authorization: Bearer").And.Contain("/api/v1/documents");
        using var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_stateDirectory, "state.json"), Cancelled));
        var root = state.RootElement;
        var started = root.GetProperty("processIds").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        started.Keys.Should().Contain(["postgres", "api-server", "base-worker-1", "mock-openai", "mock-llamaparse"]);
        started["host"] = root.GetProperty("hostPid").GetInt32();
        up.Output.Should().Contain(root.GetProperty("token").GetString()).And.Contain(root.GetProperty("apiUrl").GetString());

        var status = await PipelineScriptAsync("status");
        status.Output.Should().Contain("ready");

        using var http = new HttpClient { BaseAddress = new Uri(root.GetProperty("apiUrl").GetString()!) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", root.GetProperty("token").GetString());
        var samplePath = root.GetProperty("sampleDocument").GetString()!;
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(samplePath, Cancelled));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", Path.GetFileName(samplePath));
        using var upload = await http.PostAsync("api/v1/documents", form, Cancelled);
        var uploaded = await upload.Content.ReadAsStringAsync(Cancelled);
        upload.IsSuccessStatusCode.Should().BeTrue(uploaded);
        var jobId = JsonDocument.Parse(uploaded).RootElement.GetProperty("jobId").GetString();
        var job = await http.GetStringAsync($"api/v1/jobs/{jobId}", Cancelled);
        job.Should().Contain(jobId);

        var down = await PipelineScriptAsync("down");
        down.Exit.Should().Be(0, down.Output);
        down.Output.Should().Contain("Stopped.").And.NotContain("Still running");
        started.Where(p => ProcessExists(p.Value)).Should().BeEmpty("down stops every process the pipeline started");
        File.Exists(Path.Combine(_stateDirectory, "state.json")).Should().BeFalse();
        (await PipelineScriptAsync("status")).Output.Should().Contain("not running");
    }

    private static bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");

    private async Task<(int Exit, string Output)> PipelineScriptAsync(string command)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "scripts", "pipeline.sh"), command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        start.Environment["PIPELINE_STATE_DIR"] = _stateDirectory;
        start.Environment["PIPELINE_SKIP_BUILD"] = "1"; // this project's build already built the host
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancelled);
        var errors = process.StandardError.ReadToEndAsync(Cancelled);
        await process.WaitForExitAsync(Cancelled);
        return (process.ExitCode, await output + await errors);
    }

    public void Dispose()
    {
        // A failed assertion must not leave a pipeline running.
        if (File.Exists(Path.Combine(_stateDirectory, "host.pid")))
            PipelineScriptAsync("down").GetAwaiter().GetResult();
        Directory.Delete(_stateDirectory, recursive: true);
    }
}
