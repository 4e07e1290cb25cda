using Microsoft.Extensions.Options;

namespace MockLlamaParse.Parsing;

/// <summary>LlamaCloud keys are Bearer tokens starting with <c>llx-</c>; anything else is refused.</summary>
internal static class ApiKeyFilter
{
    public static ValueTask<object?> RequireKey(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var prefix = context.RequestServices.GetRequiredService<IOptions<MockLlamaParseOptions>>().Value.ApiKeyPrefix;
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var key = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
        return key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length
            ? next(invocation)
            : ValueTask.FromResult<object?>(Results.Json(
                new { detail = "Invalid authentication credentials" },
                statusCode: StatusCodes.Status401Unauthorized));
    }
}
