using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mocks.Common.Admin;

/// <summary>
/// The admin API changes the mock's behaviour, so only the local machine may call it, unless
/// <see cref="MockAdminOptions.AllowRemote"/> opens it up.
/// </summary>
public static class LoopbackGuard
{
    public static bool IsLoopback(IPAddress? remote) =>
        remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);

    /// <summary>Endpoint filter answering 403 to any caller that is not on loopback (unless remote callers are allowed).</summary>
    public static ValueTask<object?> RefuseRemote(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var allowRemote = http.RequestServices.GetService<IOptions<MockAdminOptions>>()?.Value.AllowRemote ?? false;
        return allowRemote || IsLoopback(http.Connection.RemoteIpAddress)
            ? next(context)
            : ValueTask.FromResult<object?>(Results.Json(
                new { error = "forbidden", message = "The admin API answers only loopback callers." },
                statusCode: StatusCodes.Status403Forbidden));
    }
}
