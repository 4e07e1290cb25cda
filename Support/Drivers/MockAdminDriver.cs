using System.Text.Json;
using RestSharp;

namespace Acceptance.Support.Drivers;

/// <summary>
/// The fault admin of a mock provider (loopback only): switch faults on and off and read the mock's
/// log of the requests it received, which is how the suite checks the pipeline's client behaviour.
/// </summary>
public abstract class MockAdminDriver(Uri? baseUrl, string mockName) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly RestClient _client = new(new RestClientOptions(
        baseUrl ?? throw new InvalidOperationException($"The target has no {mockName} to inject faults into.")));

    /// <summary>Replaces the mock's fault plan with these faults (objects in the mock's JSON fault shape).</summary>
    protected async Task SetFaultsAsync(params object[] faults)
    {
        var response = await _client.ExecuteAsync(new RestRequest("admin/faults", Method.Put).AddJsonBody(new { faults }));
        if (!response.IsSuccessful)
            throw new InvalidOperationException($"{mockName} refused the fault plan ({(int)response.StatusCode}): {response.Content}");
    }

    public async Task ClearFaultsAsync() => await _client.ExecuteAsync(new RestRequest("admin/faults", Method.Delete));

    public async Task ClearRequestLogAsync() => await _client.ExecuteAsync(new RestRequest("admin/requests", Method.Delete));

    protected async Task<IReadOnlyList<T>> RequestLogAsync<T>()
    {
        var response = await _client.ExecuteAsync(new RestRequest("admin/requests"));
        using var body = JsonDocument.Parse(response.Content ?? "{}");
        return body.RootElement.GetProperty("requests").Deserialize<List<T>>(Json) ?? [];
    }

    public void Dispose() => _client.Dispose();
}
