using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Core.Chunking;

/// <summary>Deterministic chunk ids, so re-running a stage upserts the same rows.</summary>
public static class ChunkIds
{
    /// <summary>A UUID (version 8 layout) from SHA-256 of document id, ordinal and chunker version.</summary>
    public static Guid For(Guid documentId, int ordinal, string chunkerVersion)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{documentId:D}:{ordinal}:{chunkerVersion}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true);
    }

    public static string Sha256Hex(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
