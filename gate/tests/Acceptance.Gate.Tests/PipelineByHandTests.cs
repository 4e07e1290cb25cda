using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using Acceptance.Gate.Running;
using FluentAssertions;
using Pipeline.TestKit;

namespace Acceptance.Gate.Tests;

/// <summary>
/// scripts/pipeline.sh as a person uses it: up, tokens minted when needed, an upload as curl would send it, the
/// backlog and set-aside documents in status, down; afterwards no process it started is left.
/// </summary>
public sealed class PipelineByHandTests : IDisposable
{
    private static readonly string RepositoryRoot = TestMachine.RepositoryRoot;

    /// <summary>
    /// 120 pages at LlamaParse's agentic-plus tier (45 credits a page, $1.25 per 1,000 credits) price at $6.75: over the
    /// gate's $5 cap, though on the mocks it costs nothing.
    /// </summary>
    private static readonly TestDocument OverFiveDollars = TestDocuments.Get(TestDocuments.ScannedPlan);

    private const string OverFiveDollarsParseMode = "agentic_plus";

    private static readonly TimeSpan ProcessingLimit = TimeSpan.FromMinutes(3);

    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("pipeline-by-hand-").FullName;

    private static CancellationToken Cancelled => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Starts_the_pipeline_takes_an_upload_shows_its_backlog_and_stops_everything_it_started()
    {
        var up = await PipelineScriptAsync("up");
        up.Exit.Should().Be(0, up.Output);
        up.Output.Should().Contain("curl -s -H \"Authorization: Bearer").And.Contain("/api/v1/documents")
            .And.Contain("export PIPELINE_TOKEN=$(scripts/pipeline.sh token)")
            .And.MatchRegex(@"spend cap +none: the mocks cost nothing");
        up.Output.Should().NotContain("eyJ", "a token printed at start expires after 30 minutes; `token` mints one when needed");
        using var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_stateDirectory, "state.json"), Cancelled));
        var root = state.RootElement;
        var started = root.GetProperty("processIds").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        started.Keys.Should().Contain(["postgres", "api-server", "base-worker-1", "mock-openai", "mock-llamaparse"]);
        started["host"] = root.GetProperty("hostPid").GetInt32();
        up.Output.Should().Contain(root.GetProperty("apiUrl").GetString());

        using var demo = await ClientAsync(root, "token");
        var jobId = await UploadAsync(demo, OverFiveDollars);
        var job = await FinishedJobAsync(demo, jobId);
        job.GetProperty("state").GetString().Should().Be("done", "without --budget-usd nothing the mocks do is over budget: {0}", job);

        using var otherUser = await ClientAsync(root, "token", "erin");
        (await otherUser.GetAsync($"api/v1/jobs/{jobId}", Cancelled)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a token is for its own user's jobs");

        var status = await PipelineScriptAsync("status");
        status.Output.Should().Contain("ready").And.MatchRegex(@"spend cap +none")
            .And.MatchRegex(@"embedded +done +1\b").And.Contain("set aside: none");
        status.Output.Should().NotContain("eyJ");

        var down = await PipelineScriptAsync("down");
        down.Exit.Should().Be(0, down.Output);
        down.Output.Should().Contain("Stopped.").And.NotContain("Still running");
        started.Where(p => TestMachine.ProcessExists(p.Value)).Should().BeEmpty("down stops every process the pipeline started");
        File.Exists(Path.Combine(_stateDirectory, "state.json")).Should().BeFalse();
        (await PipelineScriptAsync("status")).Output.Should().Contain("not running");
        (await PipelineScriptAsync("token")).Exit.Should().NotBe(0, "there is no pipeline to mint a token for");
    }

    [Fact]
    public async Task A_budget_asked_for_sets_aside_what_would_cross_it_and_an_operator_token_may_requeue_it()
    {
        var refused = await PipelineScriptAsync("up", "--budget-usd", "five");
        refused.Exit.Should().NotBe(0);
        refused.Output.Should().Contain("--budget-usd must be an amount in US dollars");

        var up = await PipelineScriptAsync("up", "--budget-usd", "5");
        up.Exit.Should().Be(0, up.Output);
        up.Output.Should().MatchRegex(@"spend cap +LlamaParse \$5, OpenAI \$5 per run");
        using var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_stateDirectory, "state.json"), Cancelled));

        using var demo = await ClientAsync(state.RootElement, "token");
        var jobId = await UploadAsync(demo, OverFiveDollars);
        var job = await FinishedJobAsync(demo, jobId);
        job.GetProperty("state").GetString().Should().Be("deadletter", job.ToString());
        job.GetProperty("lastError").GetProperty("code").GetString().Should().Be("budget-exceeded");

        var status = await PipelineScriptAsync("status");
        status.Output.Should().MatchRegex(@"deadletter +1\b")
            .And.MatchRegex($@"set aside .*\n  {Regex(OverFiveDollars.FileName)} \([0-9a-f-]{{36}}\)  stage {job.GetProperty("stage").GetString()}  error budget-exceeded");

        using var operatorClient = await ClientAsync(state.RootElement, "token", "--operator");
        var requeue = $"api/v1/operator/jobs/{jobId}/requeue";
        (await demo.PostAsync(requeue, null, Cancelled)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await operatorClient.PostAsync(requeue, null, Cancelled)).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    /// <summary>A client signed in with a token fresh from scripts/pipeline.sh token &lt;arguments&gt;.</summary>
    private async Task<HttpClient> ClientAsync(JsonElement state, params string[] tokenCommand)
    {
        var minted = await PipelineScriptAsync(tokenCommand);
        minted.Exit.Should().Be(0, minted.Output);
        var http = new HttpClient { BaseAddress = new Uri(state.GetProperty("apiUrl").GetString()!) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", minted.Stdout.Trim());
        return http;
    }

    private static async Task<string> UploadAsync(HttpClient http, TestDocument document)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(document.Bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", document.FileName);
        using var upload = await http.PostAsync("api/v1/documents", form, Cancelled);
        var uploaded = await upload.Content.ReadAsStringAsync(Cancelled);
        upload.IsSuccessStatusCode.Should().BeTrue(uploaded);
        return JsonDocument.Parse(uploaded).RootElement.GetProperty("jobId").GetString()!;
    }

    /// <summary>The job once it is done or set aside; the pipeline announces neither, so its job is polled.</summary>
    private static async Task<JsonElement> FinishedJobAsync(HttpClient http, string jobId)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var job = JsonDocument.Parse(await http.GetStringAsync($"api/v1/jobs/{jobId}", Cancelled)).RootElement;
            if (job.GetProperty("state").GetString() is "done" or "deadletter") return job;
            clock.Elapsed.Should().BeLessThan(ProcessingLimit, "the job should finish: {0}", job);
            await Task.Delay(TimeSpan.FromMilliseconds(250), Cancelled);
        }
    }


    private async Task<(int Exit, string Stdout, string Output)> PipelineScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "scripts", "pipeline.sh"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        start.Environment["PIPELINE_STATE_DIR"] = _stateDirectory;
        start.Environment["PIPELINE_SKIP_BUILD"] = "1"; // this project's build already built the host
        start.Environment["ACCEPTANCE__REALAPI__PARSEMODE"] = OverFiveDollarsParseMode;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancelled);
        var errors = process.StandardError.ReadToEndAsync(Cancelled);
        await process.WaitForExitAsync(Cancelled);
        return (process.ExitCode, await output, await output + await errors);
    }

    public void Dispose()
    {
        // A failed assertion must not leave a pipeline running.
        if (File.Exists(Path.Combine(_stateDirectory, "host.pid")))
            PipelineScriptAsync("down").GetAwaiter().GetResult();
        Directory.Delete(_stateDirectory, recursive: true);
    }
}
