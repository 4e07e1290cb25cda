using System.Net;
using System.Security.Cryptography;
using ApiServer.Tests.Support;
using FluentAssertions;

namespace ApiServer.Tests;

[Collection(ApiServerCollection.Name)]
public sealed class UploadTests(ApiServerFixture api)
{
    [Fact]
    public async Task A_real_pdf_is_stored_with_its_job_and_events_in_one_piece()
    {
        var user = ApiServerFixture.NewUser();
        var pdf = TestPdfs.InsurancePolicy();
        var correlationId = Guid.NewGuid();

        var response = await api.UploadAsync(user, pdf, "simulated_insurance_document.pdf", correlationId);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        response.Headers.GetValues("X-Correlation-Id").Should().ContainSingle().Which.Should().Be(correlationId.ToString());
        var body = await response.JsonAsync();
        body.Text("deduplicated").Should().Be("False");
        body.Text("stage").Should().Be("job_validated");
        body.Text("state").Should().Be("queued");
        body.Text("correlationId").Should().Be(correlationId.ToString());
        var documentId = Guid.Parse(body.Text("documentId"));
        var jobId = Guid.Parse(body.Text("jobId"));

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        (await api.CountAsync("""
            SELECT count(*) FROM upload_pipeline.documents
            WHERE document_id = $1 AND user_id = $2 AND sha256 = $3 AND size_bytes = $4
              AND filename = 'simulated_insurance_document.pdf' AND mime = 'application/pdf' AND page_count = 1
            """, documentId, user, sha256, (long)pdf.Length)).Should().Be(1);
        (await api.CountAsync("""
            SELECT count(*) FROM upload_pipeline.upload_jobs
            WHERE job_id = $1 AND document_id = $2 AND stage = 'job_validated' AND state = 'queued' AND correlation_id = $3
            """, jobId, documentId, correlationId)).Should().Be(1);
        (await api.CountAsync("""
            SELECT count(*) FROM upload_pipeline.events
            WHERE job_id = $1 AND correlation_id = $2 AND event_type IN ('upload_received', 'stage_transition')
            """, jobId, correlationId)).Should().Be(2);

        await using var command = api.Database.CreateCommand("SELECT storage_path FROM upload_pipeline.documents WHERE document_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = documentId });
        var storedPath = (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        storedPath.Should().StartWith(api.StorageRoot);
        Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(storedPath, TestContext.Current.CancellationToken))).Should().Be(sha256);
    }

    [Fact]
    public async Task The_same_bytes_again_return_the_first_document_and_job()
    {
        var user = ApiServerFixture.NewUser();
        var pdf = TestPdfs.InsurancePolicy();
        var first = await (await api.UploadAsync(user, pdf)).JsonAsync();

        var again = await api.UploadAsync(user, pdf, "renamed-copy.pdf");

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await again.JsonAsync();
        body.Text("deduplicated").Should().Be("True");
        body.Text("documentId").Should().Be(first.Text("documentId"));
        body.Text("jobId").Should().Be(first.Text("jobId"));
        (await api.DocumentRowsAsync(user)).Should().Be(1);
        (await api.CountAsync("SELECT count(*) FROM upload_pipeline.upload_jobs WHERE user_id = $1", user)).Should().Be(1);
    }

    [Fact]
    public async Task Ten_concurrent_identical_uploads_make_one_document()
    {
        var user = ApiServerFixture.NewUser();
        var pdf = TestPdfs.InsurancePolicy();
        var filesBefore = api.StoredFileCount();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => api.UploadAsync(user, pdf)));

        responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Accepted || s == HttpStatusCode.OK);
        var bodies = await Task.WhenAll(responses.Select(r => r.JsonAsync()));
        bodies.Select(b => b.Text("documentId")).Distinct().Should().ContainSingle();
        bodies.Count(b => b.Text("deduplicated") == "False").Should().Be(1);
        (await api.DocumentRowsAsync(user)).Should().Be(1);
        (await api.EventRowsAsync(user)).Should().Be(2);
        api.StoredFileCount().Should().Be(filesBefore + 1, "the losers of the race remove the files they wrote");
    }

    [Fact]
    public async Task Another_user_uploading_the_same_bytes_gets_a_document_of_their_own()
    {
        var (dana, eli) = (ApiServerFixture.NewUser(), ApiServerFixture.NewUser());
        var pdf = TestPdfs.InsurancePolicy();

        var danas = await (await api.UploadAsync(dana, pdf)).JsonAsync();
        var elis = await api.UploadAsync(eli, pdf);

        elis.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await elis.JsonAsync()).Text("documentId").Should().NotBe(danas.Text("documentId"));
        (await api.DocumentRowsAsync(dana)).Should().Be(1);
        (await api.DocumentRowsAsync(eli)).Should().Be(1);
    }

    [Fact]
    public async Task A_unicode_file_name_is_kept_as_it_is()
    {
        var user = ApiServerFixture.NewUser();
        const string name = "Versicherungspolice_Übersicht_保险.pdf";

        var response = await api.UploadAsync(user, TestPdfs.InsurancePolicy(), name);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var document = await (await api.GetAsync($"/api/v1/documents/{(await response.JsonAsync()).Text("documentId")}", user)).JsonAsync();
        document.Text("filename").Should().Be(name);
    }

    [Fact]
    public async Task Without_a_correlation_id_the_server_makes_one_and_puts_it_on_the_job()
    {
        var user = ApiServerFixture.NewUser();

        var response = await api.UploadAsync(user, TestPdfs.InsurancePolicy());

        var header = Guid.Parse(response.Headers.GetValues("X-Correlation-Id").Single());
        header.Should().NotBeEmpty();
        (await response.JsonAsync()).Text("correlationId").Should().Be(header.ToString());
    }
}
