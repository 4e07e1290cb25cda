using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Core.Options;

namespace Pipeline.Core.Providers;

/// <summary>
/// Checks both provider keys when the worker starts, with calls that cost nothing: OpenAI's
/// <c>GET /v1/models</c> and LlamaParse's job status for a job that does not exist. A key the
/// provider refuses (401/403) stops the worker at once, with a message that names the provider
/// and never the key, before any document is parsed or embedded. A provider that cannot be reached
/// does not stop it: outages are the job queue's to ride out.
/// </summary>
public sealed class ProviderKeyCheck(
    IHttpClientFactory http, IOptions<OpenAiOptions> openAi, IOptions<LlamaParseOptions> llamaParse, ILogger<ProviderKeyCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await VerifyAsync("OpenAI", new Uri(OpenAiEmbedder.EndpointFor(openAi.Value.BaseUrl) + "/models"), openAi.Value.ApiKey, cancellationToken);
        await VerifyAsync("LlamaParse", new Uri(new Uri(llamaParse.Value.BaseUrl.TrimEnd('/') + "/"), $"api/v1/parsing/job/{Guid.Empty}"),
            llamaParse.Value.ApiKey, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task VerifyAsync(string provider, Uri probe, string key, CancellationToken ct)
    {
        using var client = http.CreateClient(nameof(ProviderKeyCheck));
        client.Timeout = TimeSpan.FromSeconds(15);
        using var request = new HttpRequestMessage(HttpMethod.Get, probe);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        HttpStatusCode status;
        try
        {
            using var response = await client.SendAsync(request, ct);
            status = response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Could not check the {Provider} key at start ({Reason}); going on, the queue retries outages", provider, e.GetType().Name);
            return;
        }
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            logger.LogCritical("{Provider} refused the configured API key ({Status}); stopping before anything is spent", provider, (int)status);
            throw new InvalidOperationException(
                $"{provider} refused the configured API key ({(int)status}). Nothing was parsed or embedded; set a valid key and start again.");
        }
        logger.LogInformation("{Provider} accepted the configured API key", provider);
    }
}
