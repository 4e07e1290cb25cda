using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using MockLlamaParse;
using MockOpenAi;

namespace BaseWorker.Tests.Support;

/// <summary>
/// The repository's mock LlamaParse and mock OpenAI (the same apps the suite runs as processes), each on
/// a real loopback socket, with their admin API for faults: the worker meets the vendors' wire answers,
/// not scripted stand-ins.
/// </summary>
public sealed class VendorMocks : IAsyncDisposable
{
    public const string OpenAiKey = "sk-test-key";
    private readonly WebApplication _parser;
    private readonly WebApplication _openAi;
    private readonly HttpClient _admin = new();

    private VendorMocks(WebApplication parser, WebApplication openAi)
    {
        _parser = parser;
        _openAi = openAi;
    }

    public string ParserUrl => _parser.Urls.Single();
    public string OpenAiUrl => _openAi.Urls.Single();

    public static async Task<VendorMocks> StartAsync()
    {
        string[] common = ["--urls=http://127.0.0.1:0"];
        // The worker's webhook URL leads nowhere in these tests; one attempt keeps the mock from retrying it.
        var parser = MockLlamaParseApp.Build([.. common, "--MockLlamaParse:WebhookAttempts=1"]);
        var openAi = MockOpenAiApp.Build([.. common, $"--MockOpenAi:IssuedKeys:0={OpenAiKey}"]);
        await parser.StartAsync();
        await openAi.StartAsync();
        return new VendorMocks(parser, openAi);
    }

    /// <summary>Worker settings that point both providers at these mocks, plus <paramref name="extra"/>.</summary>
    public Dictionary<string, string?> WorkerSettings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["LlamaParse:BaseUrl"] = ParserUrl,
            ["OpenAI:BaseUrl"] = OpenAiUrl,
            ["OpenAI:ApiKey"] = OpenAiKey,
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    /// <summary>Replaces the parser's fault plan with <paramref name="fault"/> (a mock-llamaparse fault spec).</summary>
    public Task FaultParserAsync(object fault) => ApplyAsync(ParserUrl, fault);

    /// <summary>Replaces OpenAI's fault plan with <paramref name="fault"/> (a mock-openai fault spec).</summary>
    public Task FaultOpenAiAsync(object fault) => ApplyAsync(OpenAiUrl, fault);

    /// <summary>How many requests to <paramref name="path"/> the parser mock answered.</summary>
    public Task<int> ParserRequestsAsync(string path) => RequestsAsync(ParserUrl, path);

    /// <summary>How many requests to <paramref name="path"/> the OpenAI mock answered.</summary>
    public Task<int> OpenAiRequestsAsync(string path) => RequestsAsync(OpenAiUrl, path);

    private async Task ApplyAsync(string baseUrl, object fault)
    {
        using var answer = await _admin.PutAsJsonAsync($"{baseUrl}/admin/faults", new { faults = new[] { fault } });
        answer.EnsureSuccessStatusCode();
    }

    private async Task<int> RequestsAsync(string baseUrl, string path)
    {
        using var log = JsonDocument.Parse(await _admin.GetStringAsync($"{baseUrl}/admin/requests"));
        return log.RootElement.GetProperty("requests").EnumerateArray()
            .Count(r => r.GetProperty("path").GetString() == path);
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _parser.StopAsync();
        await _openAi.StopAsync();
        await _parser.DisposeAsync();
        await _openAi.DisposeAsync();
    }
}
