using Acceptance.Support.Configuration;
using Acceptance.Support.RealApi;
using FluentAssertions;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// The providers the local workers are given (Support/RealApi/ProviderSettings): the mocks unless real-API mode has
/// both keys; in a rehearsal of real-API mode (--real-apis --rehearse) the mocks, keys or not.
/// </summary>
public sealed class ProviderSettingsTests : IDisposable
{
    private const string MockUrl = "http://127.0.0.1:9/mock";
    private readonly string _keys = Directory.CreateTempSubdirectory("provider-keys-").FullName;

    private Dictionary<string, string?> WorkerSettings(bool rehearse)
    {
        File.WriteAllText(Path.Combine(_keys, "llamaparse"), "llx-test-key-0001");
        File.WriteAllText(Path.Combine(_keys, "openai"), "sk-test-key-0001");
        var options = new SuiteOptions();
        options.RealApi.Enabled = true;
        options.RealApi.Rehearse = rehearse;
        options.RealApi.LlamaParseKeyFile = Path.Combine(_keys, "llamaparse");
        options.RealApi.OpenAiKeyFile = Path.Combine(_keys, "openai");
        var settings = new Dictionary<string, string?> { ["LlamaParse__BaseUrl"] = MockUrl, ["OpenAI__BaseUrl"] = MockUrl };
        ProviderSettings.Apply(settings, options, "run-1");
        return settings;
    }

    [Fact]
    public void Real_api_mode_with_both_keys_points_the_workers_at_the_real_providers()
    {
        var settings = WorkerSettings(rehearse: false);

        settings["LlamaParse__BaseUrl"].Should().Be(ProviderSettings.RealLlamaParseUrl);
        settings["OpenAI__BaseUrl"].Should().Be(ProviderSettings.RealOpenAiUrl);
    }

    [Fact]
    public void A_rehearsal_keeps_the_mocks_and_the_budget_even_with_keys()
    {
        var settings = WorkerSettings(rehearse: true);

        settings["LlamaParse__BaseUrl"].Should().Be(MockUrl);
        settings["OpenAI__BaseUrl"].Should().Be(MockUrl);
        settings.Should().NotContainKey("LlamaParse__ApiKey").And.NotContainKey("OpenAI__ApiKey");
        settings.Should().Contain("Budget__RunId", "run-1").And.ContainKey("Budget__LlamaParseUsd");
    }

    public void Dispose() => Directory.Delete(_keys, recursive: true);
}
