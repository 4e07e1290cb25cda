using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Pipeline.Core.Logging;

/// <summary>
/// A parser webhook's URL ends in the job's secret token (<c>/webhooks/llamaparse/{jobId}/{token}</c>),
/// and ASP.NET Core puts the request path on every log line of the request. This keeps the job id and
/// replaces the token with <c>***</c> in every string property before a line is written.
/// </summary>
public sealed partial class WebhookTokenRedaction : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (value is ScalarValue { Value: string text } && text.Contains("/webhooks/llamaparse/", StringComparison.Ordinal))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(Redact(text))));
            }
        }
    }

    public static string Redact(string text) => TokenSegment().Replace(text, "$1***");

    [GeneratedRegex(@"(/webhooks/llamaparse/[^/\s""?]+/)[^/\s""?]+", RegexOptions.CultureInvariant)]
    private static partial Regex TokenSegment();
}
