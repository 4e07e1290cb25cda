using System.Security.Cryptography;
using System.Text;

namespace MockLlamaParse.Webhooks;

/// <summary><c>X-Webhook-Signature: sha256=&lt;lowercase hex HMAC-SHA256(secret, raw body)&gt;</c>, as the api-server verifies it.</summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Webhook-Signature";

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
