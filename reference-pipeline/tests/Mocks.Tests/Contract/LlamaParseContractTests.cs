using Mocks.Tests.LlamaParse;
using Mocks.Tests.Support;

namespace Mocks.Tests.Contract;

/// <summary>
/// LlamaIndex's official TypeScript client (npm <c>llama-cloud-services</c>, <c>LlamaParseReader</c>),
/// unchanged, parses a real PDF through the mock, and through LlamaParse itself when
/// LLAMA_CLOUD_API_KEY is set: the same assertions hold for both, so a divergence fails here.
/// </summary>
public sealed class LlamaParseContractTests
{
    private static readonly byte[] ClaimForm = TestPdf.WithPages(
        "Claim form: the insured reports water damage in the kitchen.",
        "Declaration: the insured confirms the statements above.",
        "");

    [Theory]
    [InlineData(ProviderTarget.Mock)]
    [InlineData(ProviderTarget.Real)]
    public async Task The_official_client_reads_pages_blank_pages_and_job_metadata(string target)
    {
        await using var mock = target == ProviderTarget.Mock ? await LlamaParseMockClient.StartAsync() : null;
        var (baseUrl, key) = mock is null
            ? (ProviderTarget.RealLlamaParseUrl, ProviderTarget.RealKeyOrSkip(ProviderTarget.LlamaParseKeyVariable))
            : (mock.BaseAddress.ToString().TrimEnd('/'), LlamaParseMockClient.ValidKey);
        var file = Path.Combine(Directory.CreateTempSubdirectory("contract-llamaparse-").FullName, "claim-form.pdf");
        await File.WriteAllBytesAsync(file, ClaimForm, TestContext.Current.CancellationToken);

        var result = await NodeClient.RunAsync("llamaparse.mjs",
            new Dictionary<string, string> { ["LLAMA_CLOUD_BASE_URL"] = baseUrl, ["LLAMA_CLOUD_API_KEY"] = key, ["CHECK_INTERVAL_SECONDS"] = mock is null ? "1" : "0.1" },
            file);

        var pages = result.GetProperty("markdownPages").EnumerateArray().Select(page => page.GetString()!.Trim()).ToList();
        pages.Should().HaveCount(3, "the client splits the markdown on LlamaParse's page separator \"\\n---\\n\"");
        pages[0].Should().Contain("water damage in the kitchen");
        pages[1].Should().Contain("confirms the statements above");
        pages[2].Should().Be("NO_CONTENT_HERE", "a blank page reads NO_CONTENT_HERE");
        result.GetProperty("jsonPages").GetArrayLength().Should().Be(3);
        result.GetProperty("jsonPages")[0].GetProperty("page").GetInt32().Should().Be(1);
        var metadata = result.GetProperty("jobMetadata");
        metadata.GetProperty("job_pages").GetInt32().Should().Be(3);
        metadata.TryGetProperty("credits_used", out _).Should().BeTrue("the pipeline's spend ledger reads the job's credits from job_metadata");
    }
}
