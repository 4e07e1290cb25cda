using Acceptance.Support.Environment;
using RestSharp;

namespace Acceptance.Support.Drivers;

/// <summary>The api-server's /metrics as the operators' Prometheus reads it: the only code that knows its series names.</summary>
public sealed class OperationalMetricsDriver(IPipelineEnvironment environment) : IDisposable
{
    private readonly RestClient _client = new(new RestClientOptions(environment.ApiBaseUrl) { Timeout = TimeSpan.FromSeconds(30) });

    /// <summary>Uploads the api-server has counted as new documents since it started.</summary>
    public async Task<double> NewDocumentsCountedAsync()
    {
        var response = await _client.ExecuteAsync(new RestRequest("metrics"));
        if (!response.IsSuccessful || response.Content is null)
            throw new InvalidOperationException($"The api-server's /metrics could not be read: {(int)response.StatusCode} {response.ErrorMessage}");
        return MetricsExposition.Value(response.Content, MetricNames.Uploads, "outcome", "accepted");
    }

    public void Dispose() => _client.Dispose();
}
