using System.Net;
using ApiServer.Tests.Support;
using FluentAssertions;

namespace ApiServer.Tests;

[Collection(ApiServerCollection.Name)]
public sealed class DatabaseOutageTests(ApiServerFixture api)
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task During_an_outage_uploads_answer_503_and_after_it_everything_works_without_a_restart()
    {
        var user = ApiServerFixture.NewUser();
        (await api.UploadAsync(user, TestPdfs.InsurancePolicy())).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var filesBefore = api.StoredFileCount();

        await api.Postgres.StopAsync();
        try
        {
            var upload = await api.UploadAsync(user, TestPdfs.InsurancePolicy());
            upload.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            upload.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
            (await upload.JsonAsync()).Text("error").Should().Be("database-unavailable");

            var ready = await api.GetAsync("/health/ready", userId: null);
            ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await ready.JsonAsync()).Text("status").Should().Be("unavailable");
            (await api.GetAsync("/health", userId: null)).StatusCode.Should().Be(HttpStatusCode.OK);
            (await api.GetAsync("/metrics", userId: null)).StatusCode.Should().Be(HttpStatusCode.OK);
            api.StoredFileCount().Should().Be(filesBefore);
        }
        finally
        {
            await api.RestartDatabaseIfStoppedAsync();
        }

        await Eventually.UntilAsync("readiness after the database returned",
            () => api.GetAsync("/health/ready", userId: null), r => r.StatusCode == HttpStatusCode.OK, RecoveryTimeout);
        var after = await api.UploadAsync(user, TestPdfs.InsurancePolicy());
        after.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await api.DocumentRowsAsync(user)).Should().Be(2);
    }

    [Fact]
    public async Task A_server_started_while_the_database_is_down_comes_up_and_migrates_when_it_returns()
    {
        var database = "late_" + Guid.NewGuid().ToString("N")[..8];
        await using (var create = api.Database.CreateCommand($"CREATE DATABASE {database}")) await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        await api.Postgres.StopAsync();
        Microsoft.AspNetCore.Builder.WebApplication? late = null;
        try
        {
            late = await api.StartAppAsync(api.Postgres.FailFastConnectionStringFor(database));
            using var http = new HttpClient { BaseAddress = new Uri(late.Urls.Single()) };

            (await http.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
            (await http.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

            await api.Postgres.StartAgainAsync(TestContext.Current.CancellationToken);
            await Eventually.UntilAsync("the late server's readiness", () => http.GetAsync("/health/ready", TestContext.Current.CancellationToken),
                r => r.StatusCode == HttpStatusCode.OK, RecoveryTimeout);
            await using var check = Npgsql.NpgsqlDataSource.Create(api.Postgres.FailFastConnectionStringFor(database));
            await using var command = check.CreateCommand("SELECT count(*) FROM upload_pipeline.schema_migrations");
            Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken)).Should().BeGreaterThan(0);
        }
        finally
        {
            await api.RestartDatabaseIfStoppedAsync();
            if (late is not null)
            {
                await late.StopAsync(TestContext.Current.CancellationToken);
                await late.DisposeAsync();
            }
        }
    }
}
