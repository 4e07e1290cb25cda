using System.Net;
using System.Net.Http.Headers;
using ApiServer.Tests.Support;
using FluentAssertions;

namespace ApiServer.Tests;

/// <summary>A set-aside document goes back to work when its bytes come again, or when an operator requeues it.</summary>
[Collection(ApiServerCollection.Name)]
public sealed class SetAsideTests(ApiServerFixture api)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string DocumentId, string JobId)> SetAsideDocumentAsync(string user, byte[] pdf)
    {
        var body = await (await api.UploadAsync(user, pdf)).JsonAsync();
        // What a worker does when it gives up on a job (JobQueue.FailAsync): this test has no worker.
        await using var command = api.Database.CreateCommand("""
            UPDATE upload_pipeline.upload_jobs
            SET state = 'deadletter', stage = 'parsing', last_error_code = 'parser-unavailable', last_error_retryable = true,
                last_error_message = 'The parser answered 503.', payload = payload || '{"failingSince":"2025-01-01T00:00:00+00:00","failingStage":"parsing"}'
            WHERE job_id = $1
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Guid.Parse(body.Text("jobId")) });
        await command.ExecuteNonQueryAsync(Ct);
        return (body.Text("documentId"), body.Text("jobId"));
    }

    [Fact]
    public async Task Uploading_the_bytes_of_a_set_aside_document_again_restarts_it_instead_of_returning_the_dead_one()
    {
        var user = ApiServerFixture.NewUser();
        var pdf = TestPdfs.InsurancePolicy();
        var (documentId, jobId) = await SetAsideDocumentAsync(user, pdf);

        var again = await api.UploadAsync(user, pdf);

        again.StatusCode.Should().Be(HttpStatusCode.Accepted, "the document is being worked on again");
        var body = await again.JsonAsync();
        (body.Text("documentId"), body.Text("jobId"), body.Text("restarted"), body.Text("state"), body.Text("stage"))
            .Should().Be((documentId, jobId, "True", "queued", "parsing"));
        (await api.DocumentRowsAsync(user)).Should().Be(1, "still one document: deduplication is unchanged");
        (await api.CountAsync("SELECT count(*) FROM upload_pipeline.upload_jobs WHERE job_id = $1 AND state = 'queued' AND NOT payload ? 'failingSince'",
            Guid.Parse(jobId))).Should().Be(1, "a fresh retry window");
        (await api.CountAsync("SELECT count(*) FROM upload_pipeline.events WHERE job_id = $1 AND event_type = 'requeued'", Guid.Parse(jobId)))
            .Should().Be(1);
        (await api.UploadAsync(user, pdf)).StatusCode.Should().Be(HttpStatusCode.OK, "a document at work is deduplicated as before");
    }

    [Fact]
    public async Task Only_an_operator_may_requeue_and_only_a_set_aside_job()
    {
        var user = ApiServerFixture.NewUser();
        var (_, jobId) = await SetAsideDocumentAsync(user, TestPdfs.InsurancePolicy());

        var byUser = await api.Http.SendAsync(api.Request(HttpMethod.Post, $"/api/v1/operator/jobs/{jobId}/requeue", user), Ct);
        byUser.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await byUser.JsonAsync()).Text("error").Should().Be("forbidden");

        var requeued = await RequeueAsOperatorAsync(jobId);
        requeued.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var body = await requeued.JsonAsync();
        (body.Text("state"), body.Text("previousErrorCode")).Should().Be(("queued", "parser-unavailable"));

        var twice = await RequeueAsOperatorAsync(jobId);
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await twice.JsonAsync()).Text("error").Should().Be("not-set-aside");
        var unknown = await RequeueAsOperatorAsync(Guid.NewGuid().ToString());
        (await unknown.JsonAsync()).Text("error").Should().Be("not-found");
    }

    private Task<HttpResponseMessage> RequeueAsOperatorAsync(string jobId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/operator/jobs/{jobId}/requeue");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiServerFixture.OperatorTokenFor("olga-operator"));
        return api.Http.SendAsync(request, Ct);
    }
}
