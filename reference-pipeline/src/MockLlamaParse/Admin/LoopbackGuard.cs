using System.Net;

namespace MockLlamaParse.Admin;

/// <summary>The admin API changes the mock's behaviour, so only the local machine may call it.</summary>
public static class LoopbackGuard
{
    public static bool IsLoopback(IPAddress? remote) =>
        remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);

    /// <summary>Endpoint filter answering 403 to any caller that is not on loopback.</summary>
    public static ValueTask<object?> RefuseRemote(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        IsLoopback(context.HttpContext.Connection.RemoteIpAddress)
            ? next(context)
            : ValueTask.FromResult<object?>(Results.Json(
                new { error = "forbidden", message = "The admin API answers only loopback callers." },
                statusCode: StatusCodes.Status403Forbidden));
}
