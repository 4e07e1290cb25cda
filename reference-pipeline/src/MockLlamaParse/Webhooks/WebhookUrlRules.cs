using System.Net;

namespace MockLlamaParse.Webhooks;

/// <summary>
/// LlamaParse's restrictions on <c>webhook_url</c> (docs, "Webhook", developers.llamaindex.ai
/// /llamaparse/parse/v1/features/webhook): the protocol must be HTTPS, the host must be a domain
/// name rather than an IP address, and the URL must be shorter than 200 characters.
/// </summary>
public static class WebhookUrlRules
{
    public const int MaxLength = 200;

    /// <summary>Why the URL would be refused, or null. <paramref name="strict"/> adds the https and domain-name rules.</summary>
    public static string? Violation(string webhookUrl, bool strict)
    {
        if (webhookUrl.Length >= MaxLength) return $"webhook_url must be less than {MaxLength} characters.";
        if (!Uri.TryCreate(webhookUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return "webhook_url must be an absolute URL.";
        if (!strict) return null;
        if (uri.Scheme != Uri.UriSchemeHttps) return "webhook_url must use the HTTPS protocol.";
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out _) ? "webhook_url must have a domain name, not an IP address." : null;
    }
}
