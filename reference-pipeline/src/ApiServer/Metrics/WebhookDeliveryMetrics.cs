namespace ApiServer.Metrics;

/// <summary>Counts each parser webhook by the status it was answered with, whatever the handler decided.</summary>
public sealed class WebhookDeliveryMetrics(PipelineMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : context.HttpContext.Response.StatusCode;
        metrics.WebhookDeliveries.WithLabels(status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        return result;
    }
}
