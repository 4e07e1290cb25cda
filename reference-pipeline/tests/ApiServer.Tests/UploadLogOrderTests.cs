using System.Net;
using System.Text.Json;
using ApiServer.Tests.Support;
using FluentAssertions;

namespace ApiServer.Tests;

/// <summary>
/// A document's story, its log lines across services in time order, must begin with the api-server's upload line.
/// A worker is woken by the job's commit and may log at once, so the api-server logs the upload before that commit.
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class UploadLogOrderTests(ApiServerFixture api)
{
    [Fact]
    public async Task The_upload_is_logged_before_its_job_is_committed_for_the_workers()
    {
        var correlationId = Guid.NewGuid();
        (await api.UploadAsync(ApiServerFixture.NewUser(), TestPdfs.InsurancePolicy(), correlationId: correlationId))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);

        var firstLine = api.LogText.Split('\n')
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .First(line => line.TryGetProperty("CorrelationId", out var id) && id.ToString() == correlationId.ToString());
        await using var command = api.Database.CreateCommand("SELECT min(created_at) FROM upload_pipeline.events WHERE correlation_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = correlationId });
        var firstEvent = (DateTime)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;

        firstLine.GetProperty("@mt").GetString().Should().StartWith("Upload received");
        firstLine.GetProperty("@t").GetDateTimeOffset().Should().BeBefore(new DateTimeOffset(firstEvent, TimeSpan.Zero),
            "the upload line comes before the transaction that makes the job visible to a worker (its audit event's time)");
    }
}
