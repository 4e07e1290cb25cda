using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using OpenAI;
using OpenAI.Embeddings;
using Pipeline.Core.Options;
using Pipeline.Core.Queue;

namespace Pipeline.Core.Providers;

/// <summary>The vectors of one request, in input order, and the tokens OpenAI reported for it.</summary>
public sealed record EmbeddingBatchResult(IReadOnlyList<float[]> Vectors, int? TotalTokens);

/// <summary>
/// Embeddings through the official OpenAI SDK. The SDK's own retries are off: a 429 becomes a
/// retryable <see cref="PipelineError"/> carrying the server's Retry-After, so the job queue's
/// backoff honours it and no worker blocks while it waits.
/// </summary>
public sealed class OpenAiEmbedder
{
    private readonly EmbeddingClient _client;
    private readonly int? _dimensions;

    /// <summary>The client-side limits: concurrency cap, Retry-After, x-ratelimit-* and backoff after a 429.</summary>
    public ProviderThrottle Throttle { get; }

    public string Model { get; }

    /// <param name="handler">Optional HTTP handler under the SDK (the worker counts provider answers there).</param>
    public OpenAiEmbedder(OpenAiOptions options, HttpMessageHandler? handler = null)
    {
        Model = options.Model;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = EndpointFor(options.BaseUrl),
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };
        if (handler is not null)
            clientOptions.Transport = new HttpClientPipelineTransport(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan });
        _client = new EmbeddingClient(options.Model, new ApiKeyCredential(options.ApiKey), clientOptions);
        _dimensions = options.Dimensions;
        Throttle = new ProviderThrottle(options.MaxConcurrency);
    }

    /// <summary>The SDK expects the endpoint to include <c>/v1</c>; the variable may or may not.</summary>
    public static Uri EndpointFor(string baseUrl)
    {
        var trimmed = baseUrl.TrimEnd('/');
        return new Uri(trimmed.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? trimmed : trimmed + "/v1");
    }

    /// <summary>One request; the caller keeps inputs within the batch limits (<see cref="Chunking.EmbeddingBatcher"/>).</summary>
    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> inputs, CancellationToken ct) =>
        (await EmbedWithUsageAsync(inputs, ct)).Vectors;

    /// <summary>One request, with the tokens OpenAI says it charged (<c>usage.total_tokens</c>; null when it sent none).</summary>
    public async Task<EmbeddingBatchResult> EmbedWithUsageAsync(IReadOnlyList<string> inputs, CancellationToken ct)
    {
        try
        {
            // Options per call: the SDK writes the call's input and model into the options object it is
            // given, so one shared between concurrent calls lets a batch go out with another's input.
            var generation = new EmbeddingGenerationOptions { Dimensions = _dimensions };
            var result = await Throttle.RunAsync(token => _client.GenerateEmbeddingsAsync(inputs, generation, token), ct);
            Throttle.Observe(Signal(result.GetRawResponse()));
            var vectors = result.Value.OrderBy(e => e.Index).Select(e => e.ToFloats().ToArray()).ToList();
            if (vectors.Count != inputs.Count)
                throw new PipelineErrorException(PipelineError.Transient("openai-malformed-response",
                    $"OpenAI returned {vectors.Count} vectors for {inputs.Count} inputs."));
            return new EmbeddingBatchResult(vectors, result.Value.Usage?.TotalTokenCount);
        }
        catch (ClientResultException e)
        {
            if (e.GetRawResponse() is { } response) Throttle.Observe(Signal(response));
            throw new PipelineErrorException(Classify(e), e);
        }
        catch (HttpRequestException e)
        {
            throw new PipelineErrorException(PipelineError.Transient("openai-unavailable", $"OpenAI could not be reached: {e.Message}"), e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new PipelineErrorException(PipelineError.Transient("openai-timeout", "OpenAI did not answer in time."), e);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw new PipelineErrorException(PipelineError.Transient("openai-malformed-response",
                $"OpenAI's answer could not be read: {e.Message}"), e);
        }
    }

    internal static PipelineError Classify(ClientResultException e)
    {
        var response = e.GetRawResponse();
        var (code, message) = ReadErrorEnvelope(response);
        var text = message ?? e.Message;
        return e.Status switch
        {
            429 when code == "insufficient_quota" => PipelineError.Permanent("openai-insufficient-quota", $"OpenAI quota exhausted: {text}"),
            429 => PipelineError.Transient("openai-rate-limited", $"OpenAI rate limit: {text}", RetryAfter(response)),
            400 => PipelineError.Permanent("openai-bad-request", $"OpenAI rejected the request: {text}"),
            401 or 403 => PipelineError.Permanent("openai-unauthorized", $"OpenAI refused the API key ({e.Status})."),
            0 => PipelineError.Transient("openai-unavailable", $"OpenAI could not be reached: {e.Message}"),
            408 or >= 500 => PipelineError.Transient("openai-unavailable", $"OpenAI answered {e.Status}: {text}"),
            _ => PipelineError.Permanent("openai-request-failed", $"OpenAI answered {e.Status}: {text}"),
        };
    }

    private static RateLimitSignal Signal(PipelineResponse response) =>
        RateLimitSignal.From(response.Status, name => response.Headers.TryGetValue(name, out var value) ? value : null);

    private static TimeSpan? RetryAfter(PipelineResponse? response) =>
        response is null ? null : RetryAfterHeader.From(name => response.Headers.TryGetValue(name, out var value) ? value : null, DateTimeOffset.UtcNow);

    private static (string? Code, string? Message) ReadErrorEnvelope(PipelineResponse? response)
    {
        try
        {
            if (response?.Content is null) return (null, null);
            using var document = JsonDocument.Parse(response.Content.ToMemory());
            if (!document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object) return (null, null);
            string? Text(string name) =>
                error.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return (Text("code") ?? Text("type"), Text("message"));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (null, null);
        }
    }
}
