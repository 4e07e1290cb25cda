using System.Net.Http.Headers;
using System.Text.Json;
using Acceptance.Support.Environment;

namespace Acceptance.Support.Drivers;

/// <summary>
/// What the mock LlamaParse returned when the pipeline parsed a document: the pipeline's upload found in the mock's
/// request log by file name, and that job's result read through the parser's own API. Where the target's parser is
/// not the suite's mock, <see cref="UnreachableBecause"/> says so.
/// </summary>
public sealed class ParserAnswerDriver(IPipelineEnvironment environment) : IDisposable
{
    private const string UploadRoute = "/api/v1/parsing/upload";
    private readonly Lazy<MockLlamaParseDriver> _log = new(() => new MockLlamaParseDriver(environment));
    private readonly Lazy<HttpClient> _parser = new(() => new HttpClient
    {
        BaseAddress = environment.Mocks!.LlamaParse,
        // The mock takes any key of LlamaCloud's form.
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", "llx-acceptance-reader") },
    });

    public string? UnreachableBecause => environment.Mocks is null ? "the target's parser is not the suite's mock LlamaParse" : null;

    /// <summary>The markdown of the last parse the pipeline asked for of a file of this name; null when the mock parsed none.</summary>
    public async Task<string?> MarkdownReturnedForAsync(string fileName)
    {
        var jobId = (await _log.Value.RequestsAsync())
            .LastOrDefault(r => r is { Kind: "request", Method: "POST", Path: UploadRoute, Status: 200, JobId: not null } && r.FileName == fileName)
            ?.JobId;
        if (jobId is null) return null;
        using var result = JsonDocument.Parse(await _parser.Value.GetStringAsync($"api/v1/parsing/job/{Uri.EscapeDataString(jobId)}/result/markdown"));
        return result.RootElement.GetProperty("markdown").GetString();
    }

    public void Dispose()
    {
        if (_log.IsValueCreated) _log.Value.Dispose();
        if (_parser.IsValueCreated) _parser.Value.Dispose();
    }
}
