using System.Security.Cryptography;
using System.Text;

namespace ApiServer.Http;

/// <summary>
/// <c>X-Webhook-Signature: sha256=&lt;hex HMAC-SHA256(secret, raw body)&gt;</c>, compared in constant
/// time so response timing reveals nothing about the expected value.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Webhook-Signature";
    private const string Prefix = "sha256=";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(secret) || header is null
            || !header.StartsWith(Prefix, StringComparison.Ordinal)
            || header.Length != Prefix.Length + 2 * HMACSHA256.HashSizeInBytes)
        {
            return false;
        }
        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
