using System.Globalization;
using Acceptance.Support.Configuration;

namespace Acceptance.Support.RealApi;

/// <summary>
/// The worker settings that decide which providers the local pipeline pays: the run's budget always
/// (the mocks' usage is priced with the real price table too, so the guard is proven on the mocks), and
/// in real-API mode the real endpoints and keys (but not in a rehearsal of it). LlamaParse only posts webhooks to https URLs with a
/// domain name, which a loopback api-server is not, so in real-API mode the workers poll.
/// </summary>
public static class ProviderSettings
{
    public const string RealLlamaParseUrl = "https://api.cloud.llamaindex.ai";
    public const string RealOpenAiUrl = "https://api.openai.com/v1";

    public static void Apply(IDictionary<string, string?> workerSettings, SuiteOptions options, string runId)
    {
        var realApi = options.RealApi;
        workerSettings["Budget__RunId"] = runId;
        workerSettings["Budget__LlamaParseUsd"] = realApi.LlamaParseCapUsd.ToString(CultureInfo.InvariantCulture);
        workerSettings["Budget__OpenAiUsd"] = realApi.OpenAiCapUsd.ToString(CultureInfo.InvariantCulture);
        workerSettings["Budget__ParseMode"] = realApi.ParseMode;
        // A rehearsal keeps the mocks: the same code path and budget, nothing sent to the real providers.
        if (!realApi.Enabled || realApi.Rehearse) return;

        var keys = ProviderKeys.Load(realApi);
        if (!keys.Complete) return; // the @real-api scenarios are skipped; the mocks stay in place
        workerSettings["LlamaParse__BaseUrl"] = RealLlamaParseUrl;
        workerSettings["LlamaParse__ApiKey"] = keys.LlamaParse;
        workerSettings["LlamaParse__WebhookUrl"] = "";
        workerSettings["OpenAI__BaseUrl"] = RealOpenAiUrl;
        workerSettings["OpenAI__ApiKey"] = keys.OpenAi;
    }
}
