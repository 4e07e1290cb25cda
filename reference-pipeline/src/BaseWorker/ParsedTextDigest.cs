using System.Security.Cryptography;
using System.Text;

namespace BaseWorker;

/// <summary>
/// The SHA-256 (of the UTF-8 text, as <see cref="Pipeline.Core.Chunking.ChunkIds.Sha256Hex"/> computes it for a
/// string) and the length in UTF-16 characters of a parsed text, read a block at a time.
/// </summary>
public sealed record ParsedTextDigest(string Sha256, long Chars)
{
    public static ParsedTextDigest Of(TextReader text)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // A stateful encoder: a surrogate pair split between two blocks is still encoded as one character.
        var encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
        var chars = new char[16 * 1024];
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(chars.Length)];
        long length = 0;
        int read;
        while ((read = text.Read(chars, 0, chars.Length)) > 0)
        {
            length += read;
            hash.AppendData(bytes, 0, encoder.GetBytes(chars, 0, read, bytes, 0, flush: false));
        }
        hash.AppendData(bytes, 0, encoder.GetBytes(chars, 0, 0, bytes, 0, flush: true));
        return new ParsedTextDigest(Convert.ToHexStringLower(hash.GetHashAndReset()), length);
    }
}
