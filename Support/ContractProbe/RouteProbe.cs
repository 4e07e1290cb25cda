using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Acceptance.Support.Environment;

namespace Acceptance.Support.ContractProbe;

/// <summary>
/// Calls every api-server route of openapi.json in ways that change nothing: without a token, and with a
/// token of a fresh user who owns nothing and has no operator role, on made-up ids. A bearer route must
/// refuse the first with 401 and answer the second with one of its documented refusals (404 for another
/// user's job or document, 403 without the operator role, 400 for an upload without a file) as a contract
/// error body; an open route must answer one of its documented statuses. A route that answers 404 without
/// the contract's error body does not exist.
/// </summary>
public static partial class RouteProbe
{
    public static async Task<IReadOnlyList<ProbeFinding>> CheckAsync(ContractDocument contract, Uri apiBaseUrl, TokenIssuer tokens, HttpClient http, CancellationToken ct)
    {
        var api = $"api-server at {apiBaseUrl}";
        try
        {
            using var health = await http.GetAsync(new Uri(apiBaseUrl, "health"), ct);
        }
        catch (Exception e) when (PipelineContractProbe.IsNoAnswer(e, ct))
        {
            return [new(api, ProbeResult.Missing, $"nothing answers ({e.Message}): start the api-server or correct ACCEPTANCE__EXTERNAL__APIURL")];
        }
        var strangerToken = tokens.For($"contract-probe-{Guid.NewGuid():N}");
        var findings = new List<ProbeFinding>();
        foreach (var route in contract.Routes)
        {
            try
            {
                findings.Add(await CheckAsync(route, apiBaseUrl, strangerToken, http, ct));
            }
            catch (Exception e) when (PipelineContractProbe.IsNoAnswer(e, ct))
            {
                findings.Add(new($"route {route}", ProbeResult.Wrong, $"no answer ({e.Message})"));
            }
        }
        return findings;
    }

    private static async Task<ProbeFinding> CheckAsync(ContractRoute route, Uri apiBaseUrl, string strangerToken, HttpClient http, CancellationToken ct)
    {
        var item = $"route {route}";
        var url = new Uri(apiBaseUrl, PathParameter().Replace(route.Path, _ => Guid.NewGuid().ToString()).TrimStart('/'));
        if (route.Bearer)
        {
            var anonymous = await CallAsync(http, route.Method, url, null, ct);
            if (anonymous.Status != HttpStatusCode.Unauthorized)
                return Unexpected(item, anonymous, "without a token", "must be 401");
            var stranger = await CallAsync(http, route.Method, url, strangerToken, ct);
            if (stranger.Status == HttpStatusCode.Unauthorized)
                return new(item, ProbeResult.Wrong, "refused a valid token of the suite (401): the api-server must accept HS256 tokens with the " +
                                                   "signing key, issuer and audience of ACCEPTANCE__EXTERNAL__JWTSIGNINGKEY, JWTISSUER, JWTAUDIENCE");
            var refusals = route.Statuses.Where(s => s is >= 400 and < 500).Order().ToList();
            return refusals.Contains((int)stranger.Status) && stranger.IsContractError
                ? new(item, ProbeResult.Present)
                : Unexpected(item, stranger, "with another user's token on an id that user does not own",
                    $"must be {string.Join(" or ", refusals)} with the error body {{error, message, retryable}}");
        }
        var open = await CallAsync(http, route.Method, url, null, ct);
        var documented = route.Statuses.Where(s => s < 500).Order().ToList();
        if (documented.Contains((int)open.Status) && (open.Status < HttpStatusCode.BadRequest || open.IsContractError))
            return new(item, ProbeResult.Present);
        return Unexpected(item, open, "without a token", $"must be {string.Join(" or ", documented)}");
    }

    private static ProbeFinding Unexpected(string item, Answer answer, string how, string expectation)
    {
        var said = $"answered {(int)answer.Status} {how}: {expectation}";
        return answer.Status == HttpStatusCode.NotFound && !answer.IsContractError
            ? new(item, ProbeResult.Missing, $"add the route ({said})")
            : new(item, ProbeResult.Wrong, said);
    }

    /// <summary>A call without a body: a route that refuses before reading one may close the connection, which must not cut the call short.</summary>
    private static async Task<Answer> CallAsync(HttpClient http, string method, Uri url, string? token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        return new Answer(response.StatusCode, IsErrorBody(await response.Content.ReadAsStringAsync(ct)));
    }

    /// <summary>The contract's error answer: a JSON object with a string <c>error</c> key.</summary>
    private static bool IsErrorBody(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                   && json.RootElement.TryGetProperty("error", out var key) && key.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed record Answer(HttpStatusCode Status, bool IsContractError);

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}
