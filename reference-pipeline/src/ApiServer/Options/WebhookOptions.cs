namespace ApiServer.Options;

/// <summary>Parser webhook verification (<c>Webhook__Secret</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhook";

    /// <summary>HMAC-SHA256 key. Empty means no webhook can be verified, so every webhook is refused.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Parser webhooks are small JSON documents; anything bigger is not one.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}
