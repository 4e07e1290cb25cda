namespace Pipeline.Core.Providers;

/// <summary>
/// Puts an HttpClient's calls under a <see cref="ProviderThrottle"/>: each request waits for a slot
/// and for any pause the provider asked for, and each answer's Retry-After and x-ratelimit-* headers
/// feed the throttle. Used for LlamaParse, whose client is a plain typed HttpClient.
/// </summary>
public sealed class ThrottlingHandler(ProviderThrottle throttle) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throttle.RunAsync(async ct =>
        {
            var response = await base.SendAsync(request, ct);
            throttle.Observe(RateLimitSignal.From((int)response.StatusCode, name =>
                response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null));
            return response;
        }, cancellationToken);
}
