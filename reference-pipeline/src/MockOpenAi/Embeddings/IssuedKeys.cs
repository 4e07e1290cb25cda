using System.Security.Cryptography;
using System.Text;

namespace MockOpenAi.Embeddings;

/// <summary>Whether a bearer key is one the mock issued; compared in constant time, like any secret.</summary>
internal static class IssuedKeys
{
    public static bool Contains(MockOpenAiOptions options, string key)
    {
        var presented = Encoding.UTF8.GetBytes(key);
        var found = false;
        foreach (var issued in options.IssuedKeys)
        {
            found |= !string.IsNullOrEmpty(issued) && CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(issued));
        }
        return found;
    }
}
