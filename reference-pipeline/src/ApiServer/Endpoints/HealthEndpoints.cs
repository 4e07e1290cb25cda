using ApiServer.Data;
using Npgsql;

namespace ApiServer.Endpoints;

public static class HealthEndpoints
{
    private static readonly TimeSpan ReadinessBudget = TimeSpan.FromSeconds(2);

    public static RouteGroupBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").AllowAnonymous();
        // Liveness says only that the process serves HTTP; it never touches the database, so an
        // outage does not get a healthy server restarted.
        group.MapGet("", () => Results.Ok(new { status = "alive" }));
        group.MapGet("ready", ReadyAsync);
        return group;
    }

    private static async Task<IResult> ReadyAsync(PipelineDatabase database, CancellationToken ct)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(ReadinessBudget);
        try
        {
            await using var connection = await database.OpenAsync(budget.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(budget.Token);
            return Results.Ok(new { status = "ready", checks = new { database = "ok", migrations = "applied" } });
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception)
                                          || (exception is OperationCanceledException && !ct.IsCancellationRequested))
        {
            database.ForgetConnections();
            return Results.Json(
                new { status = "unavailable", checks = new { database = Describe(exception), migrations = database.IsMigrated ? "applied" : "pending" } },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static string Describe(Exception exception) =>
        exception is OperationCanceledException ? "timeout" : "unreachable";
}
