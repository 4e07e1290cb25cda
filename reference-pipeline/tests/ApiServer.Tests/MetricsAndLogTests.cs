using System.Net;
using ApiServer.Tests.Support;
using FluentAssertions;

namespace ApiServer.Tests;

[Collection(ApiServerCollection.Name)]
public sealed class MetricsAndLogTests(ApiServerFixture api)
{
    [Fact]
    public async Task Metrics_expose_upload_http_and_pipeline_series_from_the_database()
    {
        var user = ApiServerFixture.NewUser();
        (await api.UploadAsync(user, TestPdfs.InsurancePolicy())).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await api.UploadAsync(user, [])).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        // The collection's tests share one database, and some leave jobs set aside or retried: each series is compared
        // with what the database holds now, never with a count that assumes this test ran first.
        var queued = await api.CountAsync("SELECT count(*) FROM upload_pipeline.upload_jobs WHERE stage = 'job_validated' AND state = 'queued'");
        var embedded = await api.CountAsync("SELECT count(*) FROM upload_pipeline.upload_jobs WHERE stage = 'embedded' AND state = 'done'");
        var setAside = await api.CountAsync("SELECT count(*) FROM upload_pipeline.upload_jobs WHERE state = 'deadletter'");
        var retries = await api.CountAsync("SELECT count(*) FROM upload_pipeline.events WHERE event_type = 'retry_scheduled'");

        var response = await api.GetAsync("/metrics", userId: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        text.Should().MatchRegex(@"pipeline_uploads_total\{outcome=""accepted""\} [1-9]");
        text.Should().MatchRegex(@"pipeline_upload_rejections_total\{reason=""empty-file""\} [1-9]");
        text.Should().Contain("pipeline_http_request_duration_seconds_bucket");
        text.Should().Contain($"pipeline_jobs{{stage=\"job_validated\",state=\"queued\"}} {queued}");
        text.Should().Contain($"pipeline_jobs{{stage=\"embedded\",state=\"done\"}} {embedded}");
        text.Should().MatchRegex(@"pipeline_queue_depth [1-9]");
        text.Should().MatchRegex(@"pipeline_queue_oldest_age_seconds \d");
        text.Should().Contain($"pipeline_deadletter_jobs {setAside}");
        text.Should().MatchRegex(@"pipeline_stage_transitions_total\{stage=""job_validated""\} [1-9]");
        text.Should().Contain($"pipeline_job_retries_total {retries}");
        text.Should().Contain("# TYPE pipeline_stage_duration_seconds gauge");
        text.Should().MatchRegex(@"pipeline_stage_oldest_job_age_seconds\{stage=""job_validated""\} [0-9]");
        text.Should().Contain("pipeline_stage_oldest_job_age_seconds{stage=\"embedded\"} 0");
        text.Should().MatchRegex(@"process_cpu_seconds_total [0-9]");
        text.Should().MatchRegex(@"pipeline_db_pool_connections\{state=""idle""\} [1-9]");
        text.Should().MatchRegex(@"pipeline_db_pool_max_connections [1-9]");
    }

    [Fact]
    public async Task Stage_durations_are_computed_from_the_audit_trail()
    {
        var user = ApiServerFixture.NewUser();
        var upload = await (await api.UploadAsync(user, TestPdfs.InsurancePolicy())).JsonAsync();
        // A worker's transition into parsing, 3 s after the upload's transition into job_validated.
        await api.CountAsync("""
            WITH i AS (
                INSERT INTO upload_pipeline.events (job_id, document_id, correlation_id, event_type, stage, state, created_at)
                SELECT job_id, document_id, correlation_id, 'stage_transition', 'parsing', 'queued', created_at + interval '3 seconds'
                FROM upload_pipeline.events WHERE job_id = $1 AND event_type = 'stage_transition' RETURNING 1)
            SELECT count(*) FROM i
            """, Guid.Parse(upload.Text("jobId")));

        var text = await (await api.GetAsync("/metrics", userId: null)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        text.Should().MatchRegex(@"pipeline_stage_duration_seconds\{stage=""job_validated"",quantile=""0.95""\} [0-9.]+");
    }

    [Fact]
    public async Task Logs_are_json_lines_with_correlation_ids_and_never_contain_tokens_or_secrets()
    {
        var user = ApiServerFixture.NewUser();
        var correlationId = Guid.NewGuid();
        var token = ApiServerFixture.TokenFor(user);
        await api.UploadAsync(user, TestPdfs.InsurancePolicy(), correlationId: correlationId);
        await api.UploadAsync(user, [], correlationId: correlationId);
        var bad = api.Request(HttpMethod.Get, "/api/v1/jobs/x", userId: null);
        bad.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token + "tampered");
        await api.Http.SendAsync(bad, TestContext.Current.CancellationToken);

        var logs = await Eventually.UntilAsync("the upload's log lines",
            () => Task.FromResult(api.LogText), text => text.Contains(correlationId.ToString()), TimeSpan.FromSeconds(30));

        logs.Should().Contain("Now listening on:");
        var lines = logs.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Where(l => l.Contains(correlationId.ToString())).Should().HaveCountGreaterThanOrEqualTo(2)
            .And.OnlyContain(l => l.StartsWith('{') && l.Contains("\"CorrelationId\""));
        logs.Should().NotContain(ApiServerFixture.SigningKey);
        logs.Should().NotContain(token.Split('.')[2], "no part of a token's signature is ever logged");
        logs.Should().NotContain(token.Split('.')[1]);
    }
}
