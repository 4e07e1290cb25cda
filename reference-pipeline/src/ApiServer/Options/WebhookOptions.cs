namespace ApiServer.Options;

/// <summary>Parser webhooks (<c>Webhook__*</c>). They are authenticated by the per-job token in their URL, so no secret is configured.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhook";

    /// <summary>
    /// A LlamaParse webhook carries the whole result (text, markdown and per-page JSON), so a big
    /// document's can run to megabytes; 64 MiB leaves room for hundreds of dense pages. The body
    /// is streamed through and counted, never held whole.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 64L * 1024 * 1024;
}
