namespace BaseWorker.Metrics;

/// <summary>
/// Counts every request to a provider by its HTTP status, or <c>unreachable</c>/<c>timeout</c>
/// when no answer came: the raw signal behind "provider down" alerts, independent of how the
/// worker classifies the failure.
/// </summary>
public sealed class ProviderMetricsHandler(WorkerMetrics metrics, string provider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            var response = await base.SendAsync(request, ct);
            metrics.ProviderAnswered(provider, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return response;
        }
        catch (HttpRequestException)
        {
            metrics.ProviderAnswered(provider, "unreachable");
            throw;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            metrics.ProviderAnswered(provider, "timeout");
            throw;
        }
    }
}
