using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MockLlamaParse;
using Mocks.Tests.Support;

namespace Mocks.Tests.LlamaParse;

/// <summary>Talks to mock-llamaparse the way LlamaParse's official clients do.</summary>
public sealed class LlamaParseMockClient(RunningMock mock, string prefix = "/api/v1/parsing", string key = LlamaParseMockClient.ValidKey)
{
    public const string ValidKey = "llx-test-mock-key";

    public static Task<RunningMock> StartAsync(int latencyMs = 0) => RunningMock.StartAsync(
        MockLlamaParseApp.Build,
        $"--MockLlamaParse:LatencyMs={latencyMs}",
        "--MockLlamaParse:WebhookRetryDelayMs=50");

    public async Task<HttpResponseMessage> UploadAsync(byte[] content, string fileName, Uri? webhookUrl = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        form.Add(new StringContent("markdown"), "result_type");
        if (webhookUrl is not null)
        {
            form.Add(new StringContent(webhookUrl.ToString()), "webhook_url");
        }

        return await SendAsync(HttpMethod.Post, $"{prefix}/upload", form);
    }

    public async Task<string> UploadJobAsync(byte[] content, string fileName, Uri? webhookUrl = null)
    {
        using var response = await UploadAsync(content, fileName, webhookUrl);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        body.GetProperty("status").GetString().Should().Be("PENDING");
        return body.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> StatusAsync(string jobId)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{prefix}/job/{jobId}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public Task<JsonElement> FinishedAsync(string jobId) => Eventually.UntilAsync(
        $"job {jobId} leaving PENDING",
        () => StatusAsync(jobId),
        status => status.GetProperty("status").GetString() != "PENDING", TimeSpan.FromSeconds(60));

    public Task<HttpResponseMessage> ResultAsync(string jobId, string resultType) =>
        SendAsync(HttpMethod.Get, $"{prefix}/job/{jobId}/result/{resultType}");

    public async Task<JsonElement> ResultJsonAsync(string jobId, string resultType)
    {
        using var response = await ResultAsync(jobId, resultType);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public async Task PutFaultsAsync(object plan)
    {
        using var response = await mock.Http.PutAsJsonAsync("/admin/faults", plan, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonElement[]> RequestLogAsync()
    {
        var log = await mock.Http.GetFromJsonAsync<JsonElement>("/admin/requests", TestContext.Current.CancellationToken);
        return log.GetProperty("requests").EnumerateArray().ToArray();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await mock.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
