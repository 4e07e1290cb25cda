using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Contract;

/// <summary>
/// Unit vectors that depend only on (model, input text, dimensions). Components come from a
/// SHA-256 counter stream seeded by model and text, so a shortened vector (the <c>dimensions</c>
/// parameter) is the renormalised prefix of the full one, as OpenAI's text-embedding-3 models do.
/// </summary>
public static class DeterministicEmbedding
{
    public static float[] Create(string model, string text, int dimensions)
    {
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(model + "\n" + text));
        var vector = new float[dimensions];
        Span<byte> block = stackalloc byte[36];
        Span<byte> hash = stackalloc byte[32];
        seed.CopyTo(block);

        for (var start = 0; start < dimensions; start += 8)
        {
            BinaryPrimitives.WriteInt32LittleEndian(block[32..], start / 8);
            SHA256.HashData(block, hash);
            for (var i = 0; i < 8 && start + i < dimensions; i++)
            {
                var raw = BinaryPrimitives.ReadUInt32LittleEndian(hash.Slice(i * 4, 4));
                vector[start + i] = (float)(raw / (double)uint.MaxValue * 2.0 - 1.0);
            }
        }

        Normalise(vector);
        return vector;
    }

    private static void Normalise(float[] vector)
    {
        double sumOfSquares = 0;
        foreach (var component in vector)
        {
            sumOfSquares += component * (double)component;
        }

        var norm = Math.Sqrt(sumOfSquares);
        if (norm == 0)
        {
            vector[0] = 1f;
            return;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] / norm);
        }
    }

    /// <summary>OpenAI's <c>base64</c> encoding: little-endian float32 bytes.</summary>
    public static string ToBase64(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}
