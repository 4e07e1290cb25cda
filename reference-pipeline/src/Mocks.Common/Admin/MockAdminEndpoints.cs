using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Mocks.Common.Faults;
using Mocks.Common.Requests;

namespace Mocks.Common.Admin;

/// <summary>Fault plan and request log under <c>/admin</c>, for the acceptance suite's drivers. Loopback callers only.</summary>
public static class MockAdminEndpoints
{
    /// <param name="app">The mock's routes.</param>
    /// <param name="validate">The mock's plan validation (<see cref="FaultPlanValidation"/> plus its own kinds' rules).</param>
    public static RouteGroupBuilder MapMockAdmin<TSpec, TRecord>(this IEndpointRouteBuilder app,
        Func<FaultPlan<TSpec>?, IReadOnlyList<string>> validate)
        where TSpec : class, IFaultSpec
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter(LoopbackGuard.RefuseRemote);

        admin.MapPut("/faults", (FaultPlan<TSpec>? plan, FaultInjector<TSpec> faults, ILogger<FaultInjector<TSpec>> logger) =>
        {
            var problems = validate(plan);
            if (problems.Count > 0)
            {
                return Results.BadRequest(new { error = "invalid-fault-plan", problems });
            }

            faults.Apply(plan!);
            logger.LogInformation("Fault plan applied: {@FaultPlan}", plan);
            return Results.Ok(new { faults = faults.Describe() });
        });
        admin.MapGet("/faults", (FaultInjector<TSpec> faults) => Results.Ok(new { faults = faults.Describe() }));
        admin.MapDelete("/faults", (FaultInjector<TSpec> faults, ILogger<FaultInjector<TSpec>> logger) =>
        {
            faults.Clear();
            logger.LogInformation("Fault plan cleared");
            return Results.NoContent();
        });

        admin.MapGet("/requests", (RequestLog<TRecord> log) => Results.Ok(new { requests = log.Snapshot() }));
        admin.MapDelete("/requests", (RequestLog<TRecord> log) =>
        {
            log.Clear();
            return Results.NoContent();
        });
        return admin;
    }
}
