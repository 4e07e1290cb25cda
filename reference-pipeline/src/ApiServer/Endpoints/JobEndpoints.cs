using ApiServer.Data;
using ApiServer.Http;

namespace ApiServer.Endpoints;

public static class JobEndpoints
{
    public static RouteGroupBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/jobs").RequireAuthorization();
        group.MapGet("{jobId}", GetAsync);
        return group;
    }

    // Another user's job answers exactly like a missing one: 404, never 403, so ids leak nothing.
    private static async Task<IResult> GetAsync(string jobId, HttpContext context, JobStore jobs, CancellationToken ct)
    {
        var job = Guid.TryParse(jobId, out var id)
            ? await jobs.GetAsync(CurrentUser.Id(context.User), id, ct)
            : null;
        return job is null ? ApiErrors.NotFound(context, "job") : Results.Ok(job);
    }
}
