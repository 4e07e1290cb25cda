using System.Net;
using System.Net.Http.Headers;
using ApiServer.Tests.Support;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Pipeline.Core.Defects;
using Pipeline.Core.Providers;

namespace ApiServer.Tests;

/// <summary>
/// The api-server's test-only defects: each breaks one promise, only in the Testing environment.
/// The promises themselves are shown by UploadTests, HostileUploadTests and ReadTests.
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class TestDefectTests(ApiServerFixture api)
{
    [Fact]
    public async Task Skip_deduplication_makes_a_new_document_and_job_for_the_same_bytes()
    {
        await using var server = await DefectiveServer.StartAsync(api, "Testing", PipelineDefects.SkipDeduplication);
        var user = ApiServerFixture.NewUser();
        var pdf = TestPdfs.InsurancePolicy();

        var first = await server.UploadAsync(user, pdf);
        var again = await server.UploadAsync(user, pdf);

        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        again.StatusCode.Should().Be(HttpStatusCode.Accepted, "the duplicate is not recognised");
        (await again.JsonAsync()).Text("documentId").Should().NotBe((await first.JsonAsync()).Text("documentId"));
        (await api.DocumentRowsAsync(user)).Should().Be(2);
        (await api.CountAsync("SELECT count(*) FROM upload_pipeline.upload_jobs WHERE user_id = $1", user)).Should().Be(2);
    }

    [Fact]
    public async Task Accept_encrypted_documents_queues_a_password_protected_pdf()
    {
        await using var server = await DefectiveServer.StartAsync(api, "Testing", PipelineDefects.AcceptEncryptedDocuments);
        var user = ApiServerFixture.NewUser();

        var response = await server.UploadAsync(user, TestPdfs.Encrypted());

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await api.DocumentRowsAsync(user)).Should().Be(1);
    }

    [Fact]
    public async Task No_owner_check_lets_another_user_read_the_document_and_the_job()
    {
        await using var server = await DefectiveServer.StartAsync(api, "Testing", PipelineDefects.NoOwnerCheck);
        var (owner, stranger) = (ApiServerFixture.NewUser(), ApiServerFixture.NewUser());
        var upload = await (await server.UploadAsync(owner, TestPdfs.InsurancePolicy())).JsonAsync();

        var document = await server.GetAsync($"/api/v1/documents/{upload.Text("documentId")}", stranger);
        var job = await server.GetAsync($"/api/v1/jobs/{upload.Text("jobId")}", stranger);

        document.StatusCode.Should().Be(HttpStatusCode.OK);
        (await document.JsonAsync()).Text("documentId").Should().Be(upload.Text("documentId"));
        job.StatusCode.Should().Be(HttpStatusCode.OK);
        (await job.JsonAsync()).Text("jobId").Should().Be(upload.Text("jobId"));
    }

    [Fact]
    public async Task Accept_unproven_parser_notices_takes_a_notice_whose_token_the_job_never_issued()
    {
        await using var server = await DefectiveServer.StartAsync(api, "Testing", PipelineDefects.AcceptUnprovenParserNotices);
        var upload = await (await server.UploadAsync(ApiServerFixture.NewUser(), TestPdfs.InsurancePolicy())).JsonAsync();
        var jobId = Guid.Parse(upload.Text("jobId"));
        // As the worker records it before handing the document to the parser: only the issued token's hash.
        var issued = ParserWebhooks.NewToken();
        (await api.CountAsync("""
            WITH u AS (UPDATE upload_pipeline.upload_jobs SET stage = 'parsing', state = 'queued',
                payload = payload || jsonb_build_object('webhookTokenSha256', $2::text) WHERE job_id = $1 RETURNING 1)
            SELECT count(*) FROM u
            """, jobId, ParserWebhooks.HashHex(issued))).Should().Be(1);

        var forged = await server.PostAsync($"/api/v1/webhooks/llamaparse/{jobId}/{ParserWebhooks.NewToken()}");

        forged.StatusCode.Should().Be(HttpStatusCode.Accepted, "any token will do");
        (await api.CountAsync("SELECT count(*) FROM upload_pipeline.events WHERE job_id = $1 AND event_type = 'webhook_received'", jobId))
            .Should().Be(1, "the forged notice is recorded as the parser's");
    }

    [Fact]
    public async Task Uploads_counted_as_duplicates_counts_a_new_document_as_deduplicated()
    {
        await using var server = await DefectiveServer.StartAsync(api, "Testing", PipelineDefects.UploadsCountedAsDuplicates);

        (await server.UploadAsync(ApiServerFixture.NewUser(), TestPdfs.InsurancePolicy())).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var metrics = await (await server.GetAsync("/metrics", userId: null)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        metrics.Should().Contain("pipeline_uploads_total{outcome=\"deduplicated\"} 1").And.NotContain("pipeline_uploads_total{outcome=\"accepted\"}");
    }

    [Fact]
    public async Task Malformed_multipart_500_answers_a_broken_body_with_a_server_error()
    {
        await using var server = await DefectiveServer.StartAsync(api, "Testing", PipelineDefects.MalformedMultipart500);
        var request = api.Request(HttpMethod.Post, "/api/v1/documents", ApiServerFixture.NewUser());
        request.Content = new ByteArrayContent("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 never closed"u8.ToArray());
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");

        var response = await server.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError, "the reader's refusal became a failure");
    }

    [Fact]
    public async Task No_restart_on_reupload_returns_the_set_aside_document_as_it_was()
    {
        await using var server = await DefectiveServer.StartAsync(api, "Testing", PipelineDefects.NoRestartOnReupload);
        var user = ApiServerFixture.NewUser();
        var pdf = TestPdfs.InsurancePolicy();
        var jobId = Guid.Parse((await (await server.UploadAsync(user, pdf)).JsonAsync()).Text("jobId"));
        (await api.CountAsync("""
            WITH u AS (UPDATE upload_pipeline.upload_jobs SET state = 'deadletter', last_error_code = 'parser-unavailable'
                WHERE job_id = $1 RETURNING 1)
            SELECT count(*) FROM u
            """, jobId)).Should().Be(1);

        var again = await server.UploadAsync(user, pdf);

        again.StatusCode.Should().Be(HttpStatusCode.OK, "the dead document is returned as a duplicate");
        (await again.JsonAsync()).Text("state").Should().Be("deadletter");
        (await api.CountAsync("SELECT count(*) FROM upload_pipeline.events WHERE job_id = $1 AND event_type = 'requeued'", jobId))
            .Should().Be(0, "nothing put it back to work");
    }

    [Fact]
    public async Task Outside_the_Testing_environment_the_defects_are_ignored()
    {
        await using var server = await DefectiveServer.StartAsync(api, "Production",
            PipelineDefects.SkipDeduplication, PipelineDefects.AcceptEncryptedDocuments, PipelineDefects.NoOwnerCheck);
        var (owner, stranger) = (ApiServerFixture.NewUser(), ApiServerFixture.NewUser());
        var pdf = TestPdfs.InsurancePolicy();
        var upload = await (await server.UploadAsync(owner, pdf)).JsonAsync();

        (await server.UploadAsync(owner, pdf)).StatusCode.Should().Be(HttpStatusCode.OK, "the duplicate is recognised");
        (await server.UploadAsync(owner, TestPdfs.Encrypted())).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await server.GetAsync($"/api/v1/documents/{upload.Text("documentId")}", stranger)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await server.GetAsync($"/api/v1/jobs/{upload.Text("jobId")}", stranger)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>A second api-server on the fixture's database, with <c>PIPELINE_DEFECTS</c> set.</summary>
    private sealed class DefectiveServer(ApiServerFixture api, WebApplication app) : IAsyncDisposable
    {
        private readonly HttpClient _http = new() { BaseAddress = new Uri(app.Urls.Single()) };

        public static async Task<DefectiveServer> StartAsync(ApiServerFixture api, string environment, params string[] defects)
        {
            var app = await api.StartAppAsync(api.Postgres.FailFastConnectionStringFor(), environment,
                new Dictionary<string, string?> { [PipelineDefects.EnvironmentVariable] = string.Join(",", defects) });
            return new DefectiveServer(api, app);
        }

        public Task<HttpResponseMessage> UploadAsync(string userId, byte[] content) =>
            _http.SendAsync(api.UploadRequest(userId, content));

        public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

        public Task<HttpResponseMessage> GetAsync(string path, string? userId) =>
            _http.SendAsync(api.Request(HttpMethod.Get, path, userId));

        /// <summary>An anonymous POST with an empty JSON object, as a parser notice arrives.</summary>
        public Task<HttpResponseMessage> PostAsync(string path)
        {
            var request = api.Request(HttpMethod.Post, path, userId: null);
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            return _http.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
