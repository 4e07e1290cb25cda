using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MockOpenAi.Admin;
using MockOpenAi.Faults;
using Pipeline.Contract;

namespace MockOpenAi.Embeddings;

/// <summary><c>POST /v1/embeddings</c> as OpenAI serves it, with injected faults.</summary>
public static class EmbeddingsEndpoints
{
    public static void MapEmbeddingsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/embeddings", CreateEmbeddings);
        app.MapGet("/v1/models", ListModels);
    }

    /// <summary>
    /// <c>GET /v1/models</c>: free, and answers 401 <c>invalid_api_key</c> to a key OpenAI did not
    /// issue, so a client can check its key before spending anything.
    /// </summary>
    private static IResult ListModels(HttpContext context, IOptions<MockOpenAiOptions> options)
    {
        var key = BearerKey(context.Request);
        if (key is null || !IssuedKeys.Contains(options.Value, key)) return OpenAiError.InvalidApiKey(key).ToResult();
        var models = new[] { "text-embedding-3-small", "text-embedding-3-large", "text-embedding-ada-002" }
            .Select(id => new { id, @object = "model", created = 1705953180, owned_by = "system" });
        return Results.Json(new { @object = "list", data = models }, OpenAiError.WireJson);
    }

    private static async Task<IResult> CreateEmbeddings(
        HttpContext context,
        IOptions<MockOpenAiOptions> options,
        FaultInjector faults,
        TokenCounter tokens,
        RateLimitWindow rateLimits,
        EmbeddingLatency latencyProfile,
        ILogger<EmbeddingRequestReader> logger)
    {
        var stopwatch = Stopwatch.StartNew();
        var details = context.Features.Get<RequestDetails>() ?? new RequestDetails();
        var response = context.Response;
        response.Headers["openai-version"] = "2020-10-01";
        response.Headers["openai-organization"] = "org-mock";

        var key = BearerKey(context.Request);
        if (key is null || !IssuedKeys.Contains(options.Value, key))
        {
            return OpenAiError.InvalidApiKey(key).ToResult();
        }

        var latency = latencyProfile.Next() + TimeSpan.FromMilliseconds(faults.TakeAll(FaultKinds.Latency).Sum(fault => fault.LatencyMs ?? 0));
        if (latency > TimeSpan.Zero)
        {
            // Latency is the behaviour being simulated, not synchronisation.
            await Task.Delay(latency, context.RequestAborted);
        }

        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted)).RootElement;
        }
        catch (JsonException)
        {
            return OpenAiError.InvalidRequest(
                "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)").ToResult();
        }

        var model = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()!
            : "unknown";
        var injected = InjectFault(context, faults, rateLimits, model, details);
        if (injected is not null)
        {
            logger.LogInformation("Injected fault {Fault} on {RequestId}", details.Fault, response.Headers["x-request-id"].ToString());
            return injected;
        }

        var limits = faults.Take(FaultKinds.RequestLimit) is { } tight ? RateLimits.Of(tight, options.Value) : rateLimits.Configured;
        if (!rateLimits.TryAdmit(response, limits, out var reset))
        {
            details.Fault = "rate-limit-enforced";
            details.RetryAfterMs = (int)Math.Ceiling(reset.TotalMilliseconds);
            return FaultResponses.RateLimitExceeded(model, limits, reset);
        }

        var (request, error) = new EmbeddingRequestReader(tokens).Read(body);
        if (error is not null)
        {
            return error.ToResult();
        }

        details.InputCount = request!.Inputs.Count;
        details.TotalTokens = request.TotalTokens;
        var data = request.Inputs.Select((input, index) =>
        {
            var vector = DeterministicEmbedding.Create(request.Model.Name, input.Text, request.Dimensions);
            object embedding = request.Base64 ? DeterministicEmbedding.ToBase64(vector) : vector;
            return new { @object = "embedding", index, embedding };
        }).ToList();
        if (faults.Take(FaultKinds.OutOfOrder) is not null)
        {
            // Within the wire contract: each item's `index` is "the index of the embedding in the list of
            // embeddings" (openai-node, src/resources/embeddings.ts, generated from OpenAI's OpenAPI spec),
            // and nothing promises the list itself is in input order, so a client pairs vectors by index.
            details.Fault = FaultKinds.OutOfOrder;
            data.Reverse();
        }

        rateLimits.Record(request.TotalTokens, response, limits);
        response.Headers["openai-processing-ms"] = Math.Max(1, stopwatch.ElapsedMilliseconds).ToString();
        return Results.Json(
            new
            {
                @object = "list",
                data,
                model = request.Model.Name,
                usage = new { prompt_tokens = request.TotalTokens, total_tokens = request.TotalTokens },
            },
            OpenAiError.WireJson);
    }

    /// <summary>The first fault that strikes this request, in the order a real outage would show them.</summary>
    private static IResult? InjectFault(HttpContext context, FaultInjector faults, RateLimitWindow rateLimits, string model, RequestDetails details)
    {
        if (faults.Take(FaultKinds.Outage) is { } outage)
        {
            details.Fault = FaultKinds.Outage;
            if (outage.Abort)
            {
                context.Abort();
                return Results.Empty;
            }

            return FaultResponses.Outage(outage);
        }

        if (faults.Take(FaultKinds.ErrorRate, fault => Random.Shared.NextDouble() < fault.Rate) is { } serverError)
        {
            details.Fault = FaultKinds.ErrorRate;
            return FaultResponses.ServerError(serverError);
        }

        if (faults.Take(FaultKinds.InsufficientQuota) is { } quota)
        {
            details.Fault = FaultKinds.InsufficientQuota;
            return FaultResponses.InsufficientQuota(quota);
        }

        if (faults.Take(FaultKinds.RateLimit) is { } rateLimit)
        {
            details.Fault = FaultKinds.RateLimit;
            details.RetryAfterMs = rateLimit.RetryAfterMs;
            return FaultResponses.RateLimited(rateLimit, model, context.Response, rateLimits);
        }

        if (faults.Take(FaultKinds.Malformed) is not null)
        {
            details.Fault = FaultKinds.Malformed;
            return FaultResponses.Malformed();
        }

        return null;
    }

    private static string? BearerKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header.Length > scheme.Length
            ? header[scheme.Length..].Trim()
            : null;
    }
}
