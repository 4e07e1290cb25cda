namespace MockLlamaParse.Faults;

/// <summary>Outage, error-rate and latency faults on every parsing route, before anything else runs.</summary>
internal static class FaultFilter
{
    public static async ValueTask<object?> Apply(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var faults = context.RequestServices.GetRequiredService<FaultInjector>();
        var details = context.Features.Get<Admin.RequestDetails>();

        var latency = faults.TakeAll(FaultKinds.Latency).Sum(fault => fault.LatencyMs ?? 0);
        if (latency > 0)
        {
            // Latency is the behaviour being simulated, not synchronisation.
            await Task.Delay(latency, context.RequestAborted);
        }

        if (faults.Take(FaultKinds.Outage) is { } outage)
        {
            details?.Fault = FaultKinds.Outage;
            if (outage.Abort)
            {
                context.Abort();
                return Results.Empty;
            }

            return Results.Json(new { detail = outage.Message ?? "Service Unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (faults.Take(FaultKinds.ErrorRate, fault => Random.Shared.NextDouble() < fault.Rate) is { } error)
        {
            details?.Fault = FaultKinds.ErrorRate;
            return Results.Json(new { detail = error.Message ?? "Internal Server Error" }, statusCode: StatusCodes.Status500InternalServerError);
        }

        if (faults.Take(FaultKinds.RateLimit) is { } rateLimit)
        {
            details?.Fault = FaultKinds.RateLimit;
            return ProviderAnswers.RateLimited(rateLimit, context.Response);
        }

        if (faults.Take(FaultKinds.Malformed) is not null)
        {
            details?.Fault = FaultKinds.Malformed;
            return ProviderAnswers.Malformed();
        }

        return await next(invocation);
    }
}
