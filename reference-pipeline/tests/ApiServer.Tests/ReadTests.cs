using System.Net;
using ApiServer.Tests.Support;
using FluentAssertions;

namespace ApiServer.Tests;

[Collection(ApiServerCollection.Name)]
public sealed class ReadTests(ApiServerFixture api)
{
    [Fact]
    public async Task A_job_shows_its_stage_state_and_timeline_in_event_order()
    {
        var user = ApiServerFixture.NewUser();
        var upload = await (await api.UploadAsync(user, TestPdfs.InsurancePolicy())).JsonAsync();

        var response = await api.GetAsync($"/api/v1/jobs/{upload.Text("jobId")}", user);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var job = await response.JsonAsync();
        job.Text("jobId").Should().Be(upload.Text("jobId"));
        job.Text("documentId").Should().Be(upload.Text("documentId"));
        job.Text("correlationId").Should().Be(upload.Text("correlationId"));
        job.Text("stage").Should().Be("job_validated");
        job.Text("state").Should().Be("queued");
        job.Text("attemptCount").Should().Be("0");
        job.Text("retryCount").Should().Be("0");
        job.GetProperty("lastError").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        job.GetProperty("timeline").EnumerateArray().Select(e => e.Text("eventType"))
            .Should().Equal("upload_received", "stage_transition");
        job.GetProperty("timeline")[1].GetProperty("detail").Text("to").Should().Be("job_validated");
    }

    [Fact]
    public async Task A_job_shows_its_last_error()
    {
        var user = ApiServerFixture.NewUser();
        var upload = await (await api.UploadAsync(user, TestPdfs.InsurancePolicy())).JsonAsync();
        await api.CountAsync("""
            WITH u AS (UPDATE upload_pipeline.upload_jobs SET state = 'retryable', retry_count = 2,
                last_error_code = 'parser-unavailable', last_error_message = 'HTTP 503', last_error_retryable = true
            WHERE job_id = $1 RETURNING 1) SELECT count(*) FROM u
            """, Guid.Parse(upload.Text("jobId")));

        var job = await (await api.GetAsync($"/api/v1/jobs/{upload.Text("jobId")}", user)).JsonAsync();

        job.Text("retryCount").Should().Be("2");
        var error = job.GetProperty("lastError");
        error.Text("code").Should().Be("parser-unavailable");
        error.Text("message").Should().Be("HTTP 503");
        error.Text("retryable").Should().Be("True");
        DateTimeOffset.Parse(error.Text("nextAttemptAt")).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_document_shows_its_metadata_and_job()
    {
        var user = ApiServerFixture.NewUser();
        var pdf = TestPdfs.InsurancePolicy();
        var upload = await (await api.UploadAsync(user, pdf, "policy-2024.pdf")).JsonAsync();

        var document = await (await api.GetAsync($"/api/v1/documents/{upload.Text("documentId")}", user)).JsonAsync();

        document.Text("documentId").Should().Be(upload.Text("documentId"));
        document.Text("jobId").Should().Be(upload.Text("jobId"));
        document.Text("filename").Should().Be("policy-2024.pdf");
        document.Text("mime").Should().Be("application/pdf");
        document.Text("sizeBytes").Should().Be(pdf.Length.ToString());
        document.Text("sha256").Should().HaveLength(64);
        document.Text("pageCount").Should().Be("1");
        document.Text("stage").Should().Be("job_validated");
        document.Text("state").Should().Be("queued");
        document.Text("chunkCount").Should().Be("0");
        document.GetProperty("parsedSha256").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Another_users_document_and_job_answer_404_not_403()
    {
        var (owner, stranger) = (ApiServerFixture.NewUser(), ApiServerFixture.NewUser());
        var upload = await (await api.UploadAsync(owner, TestPdfs.InsurancePolicy())).JsonAsync();

        var document = await api.GetAsync($"/api/v1/documents/{upload.Text("documentId")}", stranger);
        var job = await api.GetAsync($"/api/v1/jobs/{upload.Text("jobId")}", stranger);

        document.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await document.JsonAsync()).Text("error").Should().Be("not-found");
        job.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await job.JsonAsync()).Text("error").Should().Be("not-found");
    }

    [Theory]
    [InlineData("/api/v1/jobs/not-a-uuid")]
    [InlineData("/api/v1/jobs/00000000-0000-0000-0000-000000000000")]
    [InlineData("/api/v1/documents/%27%20OR%201%3D1")]
    [InlineData("/api/v1/documents/3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    public async Task Unknown_or_malformed_ids_answer_404_not_found(string path)
    {
        var response = await api.GetAsync(path, ApiServerFixture.NewUser());

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.JsonAsync()).Text("error").Should().Be("not-found");
    }
}
