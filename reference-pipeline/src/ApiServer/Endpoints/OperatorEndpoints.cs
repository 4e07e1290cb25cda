using ApiServer.Data;
using ApiServer.Http;
using Pipeline.Core.Logging;
using Pipeline.Contract;

namespace ApiServer.Endpoints;

/// <summary>
/// What operators do through the API. Callers need a token whose <c>role</c> claim includes
/// <see cref="OperatorRole.Name"/>; ordinary users get <c>forbidden</c>.
/// </summary>
public static class OperatorEndpoints
{
    public static RouteGroupBuilder MapOperatorEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/operator").RequireAuthorization();
        group.MapPost("jobs/{jobId}/requeue", RequeueAsync);
        return group;
    }

    /// <summary>Sends a set-aside job (any user's) back to work with a fresh retry window.</summary>
    private static async Task<IResult> RequeueAsync(string jobId, HttpContext context, JobStore jobs, ILoggerFactory loggers,
        CancellationToken ct)
    {
        if (!OperatorRole.IsHeldBy(context.User))
        {
            return ApiErrors.Result(context, StatusCodes.Status403Forbidden, ErrorKeys.Forbidden,
                $"Requeueing jobs is for operators (role '{OperatorRole.Name}').");
        }
        if (!Guid.TryParse(jobId, out var id)) return ApiErrors.NotFound(context, "job");

        var operatorId = CurrentUser.Id(context.User);
        var (found, requeued) = await jobs.RequeueAsync(id, ownerId: null, "requeued by an operator", operatorId, ct);
        if (!found) return ApiErrors.NotFound(context, "job");
        if (requeued is null)
        {
            return ApiErrors.Result(context, StatusCodes.Status409Conflict, ErrorKeys.NotSetAside,
                "The job is not set aside: it is queued, being worked on, or finished.");
        }

        using var _ = PipelineLogging.PushJobContext(requeued.CorrelationId, requeued.JobId, requeued.DocumentId);
        loggers.CreateLogger("ApiServer.Operator").LogInformation(
            "Job {JobId} set aside for {ErrorCode} requeued at {Stage} by operator {OperatorId}",
            requeued.JobId, requeued.PreviousErrorCode, requeued.Stage, operatorId);
        return Results.Accepted($"/api/v1/jobs/{requeued.JobId}", new
        {
            requeued.JobId, requeued.DocumentId, requeued.CorrelationId, requeued.Stage, State = Pipeline.Contract.JobStates.Queued,
            requeued.PreviousErrorCode,
        });
    }
}
