using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BaseWorker.Tests.Support;

/// <summary>
/// Small in-test stand-ins for LlamaParse (v1 upload/status/markdown) and OpenAI (/v1/embeddings,
/// float or base64) on a real loopback socket, with scripted answers and request counters.
/// </summary>
public sealed class FakeProviders : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _statusCalls = new();

    public string BaseUrl { get; }
    public string Markdown { get; set; } = "";
    public int Pages { get; set; } = 2;
    public double Credits { get; set; } = 6;
    /// <summary>The parser status for the n-th status call (1-based) of a parser job.</summary>
    public Func<int, string> ParserStatus { get; set; } = call => call == 1 ? "PENDING" : "SUCCESS";
    /// <summary>The <c>error_code</c> of an ERROR status (null: none given).</summary>
    public string? ParserErrorCode { get; set; }
    /// <summary>Scripted OpenAI failures, used one per request before answering normally.</summary>
    public ConcurrentQueue<Func<HttpContext, Task>> OpenAiFaults { get; } = new();

    /// <summary>When set, uploads hang until it completes (a slow parser).</summary>
    public TaskCompletionSource? UploadGate { get; set; }
    public TaskCompletionSource UploadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public int Uploads;
    public int EmbeddingRequests;
    public int EmbeddedInputs;
    public ConcurrentBag<string?> WebhookUrls { get; } = new();
    public ConcurrentBag<string?> Authorizations { get; } = new();
    public const int Dimensions = 8;

    private FakeProviders(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FakeProviders> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeProviders? fake = null;
        app.MapPost("/api/v1/parsing/upload", (HttpRequest request) => fake!.UploadAsync(request.HttpContext));
        app.MapGet("/api/v1/parsing/job/{id}", (string id) => fake!.Status(id));
        app.MapGet("/api/v1/parsing/job/{id}/result/markdown", (string id) => fake!.Result(id));
        app.MapPost("/v1/embeddings", (HttpContext context) => fake!.EmbedAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeProviders(app, address);
        return fake;
    }

    private async Task<IResult> UploadAsync(HttpContext context)
    {
        Authorizations.Add(context.Request.Headers.Authorization.ToString());
        var form = await context.Request.ReadFormAsync();
        if (form.Files.GetFile("file") is not { Length: > 0 }) return Results.BadRequest(new { detail = "file missing" });
        WebhookUrls.Add(form["webhook_url"].FirstOrDefault());
        UploadStarted.TrySetResult();
        if (UploadGate is { } gate) await gate.Task.WaitAsync(context.RequestAborted);
        Interlocked.Increment(ref Uploads);
        return Results.Ok(new { id = Guid.NewGuid().ToString(), status = "PENDING" });
    }

    private IResult Status(string id)
    {
        var call = _statusCalls.AddOrUpdate(id, 1, (_, n) => n + 1);
        var status = ParserStatus(call);
        return status == "ERROR"
            ? Results.Ok(new { id, status, error_code = ParserErrorCode, error_message = "The PDF could not be read (page 3 is damaged)." })
            : Results.Ok(new { id, status });
    }

    private IResult Result(string id) =>
        Results.Ok(new { markdown = Markdown, job_metadata = new { credits_used = Credits, job_pages = Pages, job_id = id } });

    private async Task EmbedAsync(HttpContext context)
    {
        Interlocked.Increment(ref EmbeddingRequests);
        if (OpenAiFaults.TryDequeue(out var fault))
        {
            await fault(context);
            return;
        }
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var root = body.RootElement;
        var inputs = root.GetProperty("input") is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select(e => e.GetString()!).ToList()
            : [root.GetProperty("input").GetString()!];
        var base64 = root.TryGetProperty("encoding_format", out var format) && format.GetString() == "base64";
        Interlocked.Add(ref EmbeddedInputs, inputs.Count);
        var data = inputs.Select((input, index) =>
        {
            var vector = VectorFor(input);
            object embedding = base64 ? Convert.ToBase64String(vector.SelectMany(BitConverter.GetBytes).ToArray()) : vector;
            return new { @object = "embedding", index, embedding };
        });
        await context.Response.WriteAsJsonAsync(new
        {
            @object = "list",
            data,
            model = root.GetProperty("model").GetString(),
            usage = new { prompt_tokens = inputs.Count, total_tokens = inputs.Count },
        });
    }

    /// <summary>A deterministic vector per input, as the real mock would serve.</summary>
    public static float[] VectorFor(string input)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(input));
        return Enumerable.Range(0, Dimensions).Select(i => hash[i] / 255f).ToArray();
    }

    public static Func<HttpContext, Task> OpenAiError(int status, string code, string message, IDictionary<string, string>? headers = null) =>
        async context =>
        {
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
            await context.Response.WriteAsJsonAsync(new { error = new { message, type = code, param = (string?)null, code } });
        };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
