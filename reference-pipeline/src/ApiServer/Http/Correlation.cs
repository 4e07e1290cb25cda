using Serilog.Context;

namespace ApiServer.Http;

/// <summary>
/// Gives every request a correlation id: the caller's <c>X-Correlation-Id</c> when it is a UUID,
/// a new one otherwise. The id is echoed in the response and carried by every log line.
/// </summary>
public static class Correlation
{
    public const string HeaderName = "X-Correlation-Id";
    private static readonly object ItemKey = new();

    public static Guid Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is Guid id ? id : Guid.Empty;

    /// <summary>Puts the id on the response (again, after an error handler cleared the headers).</summary>
    public static void Echo(HttpContext context, Guid? id = null) =>
        context.Response.Headers[HeaderName] = (id ?? Get(context)).ToString();

    public static IApplicationBuilder UseCorrelation(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var id = Guid.TryParse(context.Request.Headers[HeaderName], out var given) && given != Guid.Empty
                ? given
                : Guid.NewGuid();
            context.Items[ItemKey] = id;
            Echo(context, id);
            using (LogContext.PushProperty("CorrelationId", id))
            {
                await next(context);
            }
        });
}
