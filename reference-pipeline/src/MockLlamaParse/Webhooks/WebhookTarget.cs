namespace MockLlamaParse.Webhooks;

/// <summary>
/// A receiver may put a secret in its webhook URL (the pipeline puts a per-job token in the path),
/// so the mock records where it posted without the last path segment or the query.
/// </summary>
public static class WebhookTarget
{
    public static string Redact(string webhookUrl)
    {
        if (!Uri.TryCreate(webhookUrl, UriKind.Absolute, out var uri)) return "(invalid url)";
        var path = uri.AbsolutePath.TrimEnd('/');
        var cut = path.LastIndexOf('/');
        var kept = cut > 0 ? path[..cut] + "/***" : path.Length > 1 ? "/***" : path;
        return $"{uri.GetLeftPart(UriPartial.Authority)}{kept}";
    }
}
