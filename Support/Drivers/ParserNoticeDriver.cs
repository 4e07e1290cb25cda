using System.Net;
using System.Security.Cryptography;
using Acceptance.Support.Environment;
using Acceptance.Support.Waiting;
using Npgsql;
using RestSharp;

namespace Acceptance.Support.Drivers;

/// <summary>How the pipeline answered a parser completion notice.</summary>
public enum NoticeAnswer
{
    /// <summary>Refused as not proven to come from the parser.</summary>
    Refused,
    /// <summary>Taken (acted on or acknowledged).</summary>
    Taken,
    /// <summary>Anything else (a server error, a bad-request answer): neither verdict.</summary>
    Other,
}

/// <summary>
/// The parser's completion notices as anyone on the network could send them: a POST of the parse
/// result to the pipeline's per-job notice URL (<c>/api/v1/webhooks/llamaparse/{jobId}/{token}</c>).
/// The only code that knows that route, its answers, and where a job records the token it expects.
/// </summary>
public sealed class ParserNoticeDriver(IPipelineEnvironment environment, Waiter waiter) : IDisposable
{
    /// <summary>The body LlamaParse posts: only the result, no job id, no signature.</summary>
    private const string ResultBody = """{"txt":"Forged text.","md":"# Forged text.","json":[],"images":[]}""";
    private readonly RestClient _client = new(new RestClientOptions(environment.ApiBaseUrl) { Timeout = TimeSpan.FromSeconds(30) });

    /// <summary>Waits until the job has handed its document to the parser, so a notice for it would be checked against its token.</summary>
    public Task UntilAwaitingNoticeAsync(string jobId, TimeSpan within) =>
        waiter.UntilAsync($"job {jobId} handing its document to the parser", () => AwaitsNoticeAsync(jobId), awaits => awaits, within,
            _ => "no notice token recorded for it yet");

    /// <summary>A notice for the job whose URL carries a token the pipeline never issued (256 fresh random bits).</summary>
    public async Task<NoticeAnswer> SendWithoutTheTokenAsync(string jobId)
    {
        var forged = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var request = new RestRequest($"api/v1/webhooks/llamaparse/{jobId}/{forged}", Method.Post)
            .AddStringBody(ResultBody, DataFormat.Json);
        var response = await _client.ExecuteAsync(request);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound => NoticeAnswer.Refused,
            HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.NoContent => NoticeAnswer.Taken,
            _ => NoticeAnswer.Other,
        };
    }

    private async Task<bool> AwaitsNoticeAsync(string jobId)
    {
        await using var connection = new NpgsqlConnection(environment.DatabaseConnectionString);
        await connection.OpenAsync();
        // The worker records the token's hash on the job before it uploads the document to the parser.
        await using var command = new NpgsqlCommand(
            "SELECT payload ? 'webhookTokenSha256' FROM upload_pipeline.upload_jobs WHERE job_id = @id::uuid", connection);
        command.Parameters.AddWithValue("id", jobId);
        return await command.ExecuteScalarAsync() is true;
    }

    public void Dispose() => _client.Dispose();
}
