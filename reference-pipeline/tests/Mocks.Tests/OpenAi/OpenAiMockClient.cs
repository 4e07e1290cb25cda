using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Json;
using System.Text.Json;
using MockOpenAi;
using Mocks.Tests.Support;
using OpenAI;
using OpenAI.Embeddings;

namespace Mocks.Tests.OpenAi;

/// <summary>Starts mock-openai and talks to it the way the pipeline does: the official SDK.</summary>
public static class OpenAiMockClient
{
    public const string ValidKey = "sk-test-mock-key";

    public static Task<RunningMock> StartAsync(params string[] settings) =>
        RunningMock.StartAsync(MockOpenAiApp.Build, ["--MockOpenAi:LatencyMs=0", $"--MockOpenAi:IssuedKeys:0={ValidKey}", .. settings]);

    public static EmbeddingClient Sdk(RunningMock mock, string model = "text-embedding-3-small", string key = ValidKey, int? maxRetries = null)
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(mock.BaseAddress, "/v1") };
        if (maxRetries is { } retries)
        {
            options.RetryPolicy = new ClientRetryPolicy(retries);
        }

        return new EmbeddingClient(model, new ApiKeyCredential(key), options);
    }

    public static async Task<HttpResponseMessage> PostEmbeddingsAsync(RunningMock mock, object body, string? key = ValidKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }

        return await mock.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task PutFaultsAsync(RunningMock mock, object plan)
    {
        using var response = await mock.Http.PutAsJsonAsync("/admin/faults", plan, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static async Task<JsonElement[]> RequestLogAsync(RunningMock mock)
    {
        var log = await mock.Http.GetFromJsonAsync<JsonElement>("/admin/requests", TestContext.Current.CancellationToken);
        return log.GetProperty("requests").EnumerateArray().ToArray();
    }

    public static double Norm(ReadOnlySpan<float> vector)
    {
        double sum = 0;
        foreach (var component in vector)
        {
            sum += component * (double)component;
        }

        return Math.Sqrt(sum);
    }
}
