using ApiServer.Data;
using ApiServer.Http;
using ApiServer.Uploads;

namespace ApiServer.Endpoints;

public static class DocumentEndpoints
{
    public static RouteGroupBuilder MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/documents").RequireAuthorization();
        group.MapPost("", UploadAsync);
        group.MapGet("{documentId}", GetAsync);
        return group;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, UploadService uploads, CancellationToken ct)
    {
        var (result, rejection) = await uploads.UploadAsync(
            context.Request, CurrentUser.Id(context.User), Correlation.Get(context), ct);
        if (rejection is not null)
        {
            return ApiErrors.Result(context, rejection.Status, rejection.Key, rejection.Message);
        }
        return result!.Deduplicated && !result.Restarted
            ? Results.Ok(result)
            : Results.Accepted($"/api/v1/jobs/{result.JobId}", result);
    }

    // The id is taken as text so a malformed one answers the same 404 as an unknown one.
    private static async Task<IResult> GetAsync(string documentId, HttpContext context, DocumentStore documents, CancellationToken ct)
    {
        var document = Guid.TryParse(documentId, out var id)
            ? await documents.GetAsync(CurrentUser.Id(context.User), id, ct)
            : null;
        return document is null ? ApiErrors.NotFound(context, "document") : Results.Ok(document);
    }
}
