using System.Net.Http.Headers;
using System.Text.Json;
using Acceptance.Support.Environment;
using Acceptance.Support.Waiting;

namespace Acceptance.Support.RealApi;

/// <summary>
/// Parses a document with mock-llamaparse directly, through the same v1 API the pipeline uses, so a
/// real-API run can set the real parser's output beside the mock's for the same bytes.
/// </summary>
public sealed class MockParserDriver(IPipelineEnvironment environment, Waiter waiter) : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = environment.Mocks?.LlamaParse ?? throw new InvalidOperationException("The target has no mock LlamaParse to compare with."),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", "llx-comparison-only") },
    };

    public async Task<string> MarkdownOfAsync(string fileName, byte[] pdf)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(pdf), "file", fileName } };
        using var upload = await _http.PostAsync("api/v1/parsing/upload", form);
        upload.EnsureSuccessStatusCode();
        var jobId = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await waiter.UntilAsync($"mock-llamaparse job {jobId} to finish", () => StatusAsync(jobId), status => status != "PENDING",
            TimeSpan.FromSeconds(60), status => status);
        var result = JsonDocument.Parse(await _http.GetStringAsync($"api/v1/parsing/job/{jobId}/result/markdown"));
        return result.RootElement.GetProperty("markdown").GetString()!;
    }

    private async Task<string> StatusAsync(string jobId) =>
        JsonDocument.Parse(await _http.GetStringAsync($"api/v1/parsing/job/{jobId}")).RootElement.GetProperty("status").GetString()!;

    public void Dispose() => _http.Dispose();
}
