using System.Text.Json;
using MockLlamaParse.Admin;
using Microsoft.Extensions.Options;
using MockLlamaParse.Faults;
using MockLlamaParse.Webhooks;

namespace MockLlamaParse.Parsing;

/// <summary>
/// The LlamaParse v1 parsing routes, only under <c>/api/v1/parsing</c>: the official TypeScript client
/// calls <c>uploadFileApiV1ParsingUploadPost</c>, <c>getJobApiV1ParsingJobJobIdGet</c> and
/// <c>getJob…ResultApiV1ParsingJobJobIdResult{Markdown,Text,Json}Get</c> (llama_cloud_services,
/// <c>ts/llama_cloud_services/src/reader.ts</c>), and the docs' curl examples post to
/// <c>https://api.cloud.llamaindex.ai/api/v1/parsing/upload</c>.
/// </summary>
public static class ParsingEndpoints
{
    public const string Prefix = "/api/v1/parsing";

    public static void MapParsingEndpoints(this IEndpointRouteBuilder app)
    {
        // The fault filter runs first: an outage answers before the key is even looked at.
        var parsing = app.MapGroup(Prefix)
            .AddEndpointFilter(FaultFilter.Apply)
            .AddEndpointFilter(ApiKeyFilter.RequireKey);
        parsing.MapPost("/upload", Upload);
        parsing.MapGet("/job/{jobId}", Status);
        parsing.MapGet("/job/{jobId}/result/markdown", (string jobId, JobStore jobs) =>
            Result(jobs, jobId, (outcome, document) => [("markdown", ResultJson.Markdown(document)), ("job_metadata", ResultJson.Value(outcome.Metadata))]));
        parsing.MapGet("/job/{jobId}/result/text", (string jobId, JobStore jobs) =>
            Result(jobs, jobId, (outcome, document) => [("text", ResultJson.Text(document)), ("job_metadata", ResultJson.Value(outcome.Metadata))]));
        parsing.MapGet("/job/{jobId}/result/json", (string jobId, JobStore jobs) =>
            Result(jobs, jobId, (outcome, document) => [("pages", ResultJson.Pages(document)), ("job_metadata", ResultJson.Value(outcome.Metadata))]));
    }

    private static async Task<IResult> Upload(HttpContext context, JobStore jobs, ParseJobRunner runner, FaultInjector faults,
        IOptions<MockLlamaParseOptions> options)
    {
        if (!context.Request.HasFormContentType)
        {
            return Results.Json(new { detail = "Expected multipart/form-data with a 'file' field." }, statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return Results.Json(new { detail = "Either 'file' or 'input_url' must be provided." }, statusCode: StatusCodes.Status400BadRequest);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, context.RequestAborted);
        var fileName = string.IsNullOrWhiteSpace(file.FileName) ? "upload" : file.FileName;
        var webhookUrl = form.TryGetValue("webhook_url", out var url) && !string.IsNullOrWhiteSpace(url) ? url.ToString() : null;
        if (webhookUrl is not null && WebhookUrlRules.Violation(webhookUrl, options.Value.StrictWebhookUrls) is { } violation)
        {
            return Results.Json(new { detail = violation }, statusCode: StatusCodes.Status400BadRequest);
        }

        var injected = faults.Take(FaultKinds.JobError, fault => fault.MatchesFileName(fileName)) is { } fault
            ? new ParseFailure(fault.ErrorCode ?? "INJECTED_FAULT", fault.Message ?? "Parsing failed (injected fault).")
            : null;
        var job = new ParseJob(Guid.NewGuid().ToString(), fileName, buffer.ToArray(), webhookUrl, injected);
        jobs.Add(job);
        runner.Start(job);

        var details = context.Features.Get<RequestDetails>();
        details?.JobId = job.Id;
        details?.FileName = fileName;
        details?.Fault = injected is null ? null : FaultKinds.JobError;
        return Results.Ok(new { id = job.Id, status = job.Status });
    }

    private static IResult Status(string jobId, JobStore jobs, HttpContext context)
    {
        if (jobs.Find(jobId) is not { } job)
        {
            return JobNotFound();
        }

        context.Features.Get<RequestDetails>()?.JobId = job.Id;
        return job.Outcome?.Failure is { } failure
            ? Results.Ok(new { id = job.Id, status = job.Status, error_code = failure.ErrorCode, error_message = failure.Message })
            : Results.Ok(new { id = job.Id, status = job.Status });
    }

    /// <summary>Results exist only after SUCCESS: 404 while PENDING, 400 once the job has failed.</summary>
    private static IResult Result(JobStore jobs, string jobId, Func<JobOutcome, ParsedDocument, (string, Func<Utf8JsonWriter, Task>)[]> shape)
    {
        if (jobs.Find(jobId) is not { } job)
        {
            return JobNotFound();
        }

        return job.Outcome switch
        {
            null => Results.Json(new { detail = $"Job {jobId} is not completed yet (status PENDING)." }, statusCode: StatusCodes.Status404NotFound),
            { Document: { } document } outcome => Results.Stream(output => ResultJson.WriteObjectAsync(output, shape(outcome, document)), "application/json"),
            { } outcome => Results.Json(
                new { detail = $"Job {jobId} ended with status {outcome.Status}: {outcome.Failure?.Message}" },
                statusCode: StatusCodes.Status400BadRequest),
        };
    }

    private static IResult JobNotFound() =>
        Results.Json(new { detail = "Job not found" }, statusCode: StatusCodes.Status404NotFound);
}
