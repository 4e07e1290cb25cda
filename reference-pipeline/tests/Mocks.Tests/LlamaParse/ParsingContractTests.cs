using System.Net;
using System.Text;
using Mocks.Tests.Support;

namespace Mocks.Tests.LlamaParse;

public sealed class ParsingContractTests
{
    private static readonly byte[] TwoPagePolicy = TestPdf.WithPages(
        "Simulated insurance policy: fire cover applies.",
        "Exclusions: flood damage is not covered.");

    [Fact]
    public async Task A_real_pdf_is_parsed_page_by_page_with_llamaparses_page_separator()
    {
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock);

        var jobId = await client.UploadJobAsync(TwoPagePolicy, "simulated_insurance_document.pdf");
        var status = await client.FinishedAsync(jobId);
        var markdown = await client.ResultJsonAsync(jobId, "markdown");
        var text = await client.ResultJsonAsync(jobId, "text");
        var json = await client.ResultJsonAsync(jobId, "json");

        status.GetProperty("status").GetString().Should().Be("SUCCESS");
        status.GetProperty("id").GetString().Should().Be(jobId);
        var pagesOfMarkdown = markdown.GetProperty("markdown").GetString()!.Split("\n---\n");
        pagesOfMarkdown.Should().HaveCount(2, "LlamaParse's default page_separator is \"\\n---\\n\"");
        pagesOfMarkdown[0].Should().Contain("fire cover applies").And.NotContain("# Page", "LlamaParse adds no page heading");
        pagesOfMarkdown[1].Should().Contain("flood damage is not covered");
        var metadata = markdown.GetProperty("job_metadata");
        metadata.GetProperty("job_pages").GetInt32().Should().Be(2);
        metadata.GetProperty("credits_used").GetDouble().Should().Be(2);
        metadata.GetProperty("job_is_cache_hit").GetBoolean().Should().BeFalse();
        text.GetProperty("text").GetString()!.Split("\n---\n").Should().HaveCount(2);
        var pages = json.GetProperty("pages");
        pages.GetArrayLength().Should().Be(2);
        pages[1].GetProperty("page").GetInt32().Should().Be(2);
        pages[1].GetProperty("text").GetString().Should().Contain("flood damage");
    }

    [Fact]
    public async Task A_blank_page_reads_no_content_here_in_markdown()
    {
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock);

        var jobId = await client.UploadJobAsync(TestPdf.WithPages("Claim form, page one.", ""), "claim-with-blank-back.pdf");
        await client.FinishedAsync(jobId);
        var markdown = await client.ResultJsonAsync(jobId, "markdown");
        var json = await client.ResultJsonAsync(jobId, "json");

        markdown.GetProperty("markdown").GetString()!.Split("\n---\n").Should().Equal("Claim form, page one.", "NO_CONTENT_HERE");
        json.GetProperty("pages")[1].GetProperty("md").GetString().Should().Be("NO_CONTENT_HERE");
    }

    [Fact]
    public async Task Only_the_v1_routes_the_official_clients_call_exist()
    {
        await using var mock = await LlamaParseMockClient.StartAsync();
        var legacy = new LlamaParseMockClient(mock, "/api/parsing");

        using var response = await legacy.UploadAsync(TwoPagePolicy, "policy.pdf");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_webhook_url_of_200_characters_or_more_is_refused_like_the_real_service()
    {
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock);

        using var response = await client.UploadAsync(TwoPagePolicy, "policy.pdf", new Uri("https://pipeline.example.com/" + new string('t', 180)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("200 characters");
    }

    [Fact]
    public async Task Results_are_not_served_while_the_job_is_pending()
    {
        await using var mock = await LlamaParseMockClient.StartAsync(latencyMs: 60_000);
        var client = new LlamaParseMockClient(mock);

        var jobId = await client.UploadJobAsync(TwoPagePolicy, "slow.pdf");
        using var result = await client.ResultAsync(jobId, "markdown");

        (await client.StatusAsync(jobId)).GetProperty("status").GetString().Should().Be("PENDING");
        result.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_file_that_is_not_a_pdf_ends_in_error_with_a_clear_message()
    {
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock);

        var jobId = await client.UploadJobAsync(Encoding.UTF8.GetBytes("just some notes, not a PDF"), "notes.pdf");
        var status = await client.FinishedAsync(jobId);
        using var result = await client.ResultAsync(jobId, "markdown");

        status.GetProperty("status").GetString().Should().Be("ERROR");
        status.GetProperty("error_code").GetString().Should().Be("UNSUPPORTED_FILE_TYPE");
        status.GetProperty("error_message").GetString().Should().Contain("not a PDF");
        result.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("user-secret")]
    [InlineData(null)]
    public async Task An_encrypted_pdf_ends_in_error(string? userPassword)
    {
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock);

        var jobId = await client.UploadJobAsync(TestPdf.Encrypted("Confidential policy.", "owner-secret", userPassword), "locked.pdf");
        var status = await client.FinishedAsync(jobId);

        status.GetProperty("status").GetString().Should().Be("ERROR");
        status.GetProperty("error_code").GetString().Should().Be("ENCRYPTED_DOCUMENT");
    }

    [Fact]
    public async Task A_damaged_pdf_ends_in_error()
    {
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock);

        var jobId = await client.UploadJobAsync(TwoPagePolicy[..200], "truncated.pdf");
        var status = await client.FinishedAsync(jobId);

        status.GetProperty("status").GetString().Should().Be("ERROR");
        status.GetProperty("error_code").GetString().Should().Be("CORRUPT_DOCUMENT");
    }

    [Fact]
    public async Task Calls_without_an_llx_key_are_refused()
    {
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock, key: "sk-wrong-service");

        using var response = await client.UploadAsync(TwoPagePolicy, "policy.pdf");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_job_is_not_found()
    {
        await using var mock = await LlamaParseMockClient.StartAsync();
        var client = new LlamaParseMockClient(mock);

        using var response = await client.ResultAsync(Guid.NewGuid().ToString(), "markdown");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
