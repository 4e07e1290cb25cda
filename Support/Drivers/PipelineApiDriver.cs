using System.Net;
using System.Text.Json;
using Acceptance.Support.Environment;
using RestSharp;

namespace Acceptance.Support.Drivers;

/// <summary>The pipeline's REST API as a user sees it. The only code that knows routes and status codes.</summary>
public sealed class PipelineApiDriver : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly RestClient _client;
    private readonly TokenIssuer _tokens;

    public PipelineApiDriver(IPipelineEnvironment environment)
    {
        _tokens = environment.Tokens;
        _client = new RestClient(new RestClientOptions(environment.ApiBaseUrl) { Timeout = TimeSpan.FromSeconds(60) });
    }

    public async Task<UploadOutcome> UploadAsync(string userId, string fileName, byte[] content, string? correlationId = null)
    {
        var request = Authorized(new RestRequest("api/v1/documents", Method.Post), userId);
        request.AlwaysMultipartFormData = true;
        request.AddFile("file", content, fileName, "application/pdf");
        if (correlationId is not null)
            request.AddHeader("X-Correlation-Id", correlationId);
        var response = await _client.ExecuteAsync(request);
        var body = Parse(response);
        return new UploadOutcome(
            (int)response.StatusCode,
            Text(body, "documentId"), Text(body, "jobId"),
            Text(body, "correlationId") ?? response.Headers?.FirstOrDefault(h => h.Name == "X-Correlation-Id")?.Value,
            body?.TryGetProperty("deduplicated", out var d) == true && d.GetBoolean(),
            Text(body, "error"), Text(body, "message"),
            response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Retry-After", StringComparison.OrdinalIgnoreCase))?.Value,
            body?.TryGetProperty("restarted", out var r) == true && r.ValueKind == JsonValueKind.True);
    }

    /// <summary>An operator (a token with the operator role) sends a set-aside job back to work.</summary>
    public async Task<RequeueOutcome> RequeueAsOperatorAsync(string operatorId, string jobId)
    {
        var request = new RestRequest($"api/v1/operator/jobs/{jobId}/requeue", Method.Post)
            .AddHeader("Authorization", $"Bearer {_tokens.ForOperator(operatorId)}");
        var response = await _client.ExecuteAsync(request);
        var body = Parse(response);
        return new RequeueOutcome((int)response.StatusCode, Text(body, "state"), Text(body, "error"));
    }

    public Task<ReadOutcome<JobView>> GetJobAsync(string userId, string jobId) => ReadAsync<JobView>(userId, $"api/v1/jobs/{jobId}");

    public Task<ReadOutcome<DocumentView>> GetDocumentAsync(string userId, string documentId) =>
        ReadAsync<DocumentView>(userId, $"api/v1/documents/{documentId}");

    /// <summary>Liveness: is the api-server process up and answering?</summary>
    public async Task<Health> LivenessAsync() => HealthOf(await _client.ExecuteAsync(new RestRequest("health")));

    /// <summary>Readiness: can the api-server serve requests (its database and dependencies reachable)?</summary>
    public async Task<Health> ReadinessAsync() => HealthOf(await _client.ExecuteAsync(new RestRequest("health/ready")));

    private static Health HealthOf(RestResponse response) => response.StatusCode switch
    {
        HttpStatusCode.OK => Health.Up,
        HttpStatusCode.ServiceUnavailable => Health.Unavailable,
        _ => Health.Unreachable,
    };

    private async Task<ReadOutcome<T>> ReadAsync<T>(string userId, string path) where T : class
    {
        var response = await _client.ExecuteAsync(Authorized(new RestRequest(path), userId));
        return response.StatusCode == HttpStatusCode.OK
            ? new ReadOutcome<T>(200, JsonSerializer.Deserialize<T>(response.Content!, Json), null)
            : new ReadOutcome<T>((int)response.StatusCode, null, Text(Parse(response), "error"));
    }

    private RestRequest Authorized(RestRequest request, string userId) =>
        request.AddHeader("Authorization", $"Bearer {_tokens.For(userId)}");

    private static JsonElement? Parse(RestResponse response)
    {
        if (string.IsNullOrWhiteSpace(response.Content)) return null;
        try
        {
            return JsonDocument.Parse(response.Content).RootElement;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement? body, string property) =>
        body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public void Dispose() => _client.Dispose();
}
