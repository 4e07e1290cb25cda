using MockOpenAi.Faults;

namespace MockOpenAi.Admin;

/// <summary>Fault plan and request log, for the acceptance suite's drivers. Loopback callers only.</summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter(LoopbackGuard.RefuseRemote);

        admin.MapPut("/faults", (FaultPlan? plan, FaultInjector faults, ILogger<FaultInjector> logger) =>
        {
            var problems = FaultKinds.Validate(plan);
            if (problems.Count > 0)
            {
                return Results.BadRequest(new { error = "invalid-fault-plan", problems });
            }

            faults.Apply(plan!);
            logger.LogInformation("Fault plan applied: {@FaultPlan}", plan);
            return Results.Ok(new { faults = faults.Describe() });
        });
        admin.MapGet("/faults", (FaultInjector faults) => Results.Ok(new { faults = faults.Describe() }));
        admin.MapDelete("/faults", (FaultInjector faults, ILogger<FaultInjector> logger) =>
        {
            faults.Clear();
            logger.LogInformation("Fault plan cleared");
            return Results.NoContent();
        });

        admin.MapGet("/requests", (RequestLog log) => Results.Ok(new { requests = log.Snapshot() }));
        admin.MapDelete("/requests", (RequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });
    }
}
