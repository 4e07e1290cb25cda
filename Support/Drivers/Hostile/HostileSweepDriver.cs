using System.Text.Json;
using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;

namespace Acceptance.Support.Drivers.Hostile;

/// <summary>What the API answered to one hostile request.</summary>
public sealed record SweepAnswer(
    string Kind, string Request, string Expected, int Status, string? ErrorKey, string? Message, bool? Retryable, string? DocumentId,
    string? TransportFailure)
{
    public bool ServerError => Status >= 500 || TransportFailure is not null;
    public bool Refused => Status >= 400;

    /// <summary>As expected: the expected key, accepted when acceptable, or the web server's own refusal.</summary>
    public bool AsExpected => Expected switch
    {
        HostileRequest.Accepted => Status is 200 or 202 && DocumentId is not null,
        HostileRequest.RefusedByWebServer => Status is >= 400 and < 500,
        _ => ErrorKey == Expected && Status is >= 400 and < 500,
    };
}

/// <summary>
/// Sends the generated hostile requests (<see cref="HostileRequests"/>) one after another, each on its
/// own connection, and reads every answer. Owns the raw HTTP the ordinary API driver never sends.
/// </summary>
public sealed class HostileSweepDriver(IPipelineEnvironment environment, SuiteOptions options)
{
    public async Task<IReadOnlyList<SweepAnswer>> SweepAsync(string attackerId, string victimDocumentId, string victimJobId)
    {
        var targets = new SweepTargets(environment.ApiBaseUrl, environment.Tokens, attackerId, victimDocumentId, victimJobId);
        var answers = new List<SweepAnswer>();
        foreach (var hostile in HostileRequests.All(options.Pipeline.UploadLimitBytes))
        {
            // A fresh connection per request: a refusal that closes the connection cannot spoil the next.
            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(60) };
            using var request = hostile.Build(targets);
            answers.Add(await SendAsync(http, request, hostile));
        }
        return answers;
    }

    private static async Task<SweepAnswer> SendAsync(HttpClient http, HttpRequestMessage request, HostileRequest hostile)
    {
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var json = Parse(body);
            return new SweepAnswer(hostile.Kind, hostile.Name, hostile.Expected, (int)response.StatusCode,
                Text(json, "error"), Text(json, "message"),
                json?.TryGetProperty("retryable", out var r) == true && r.ValueKind is JsonValueKind.True or JsonValueKind.False ? r.GetBoolean() : null,
                Text(json, "documentId"), null);
        }
        catch (HttpRequestException e)
        {
            return new SweepAnswer(hostile.Kind, hostile.Name, hostile.Expected, 0, null, null, null, null, e.Message);
        }
    }

    private static JsonElement? Parse(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement? json, string property) =>
        json is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
