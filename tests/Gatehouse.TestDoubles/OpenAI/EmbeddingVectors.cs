using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// Deterministic unit-length vectors: the same text always gets the same vector (seeded by its SHA-256),
/// different texts almost surely different ones, so caches and similarity code can be tested.
/// </summary>
internal static class EmbeddingVectors
{
    public static float[] For(string seedText, int dimensions)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seedText));
        var state = BinaryPrimitives.ReadUInt64LittleEndian(hash);
        var values = new double[dimensions];
        var sumOfSquares = 0.0;
        for (var i = 0; i < dimensions; i++)
        {
            // SplitMix64: tiny, and stable across runtimes unlike System.Random's seeded sequence.
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            values[i] = ((z >> 11) * (1.0 / (1UL << 53)) * 2.0) - 1.0;
            sumOfSquares += values[i] * values[i];
        }

        var scale = sumOfSquares > 0 ? 1.0 / Math.Sqrt(sumOfSquares) : 1.0;
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
            vector[i] = (float)(values[i] * scale);
        return vector;
    }

    /// <summary>OpenAI's <c>encoding_format: "base64"</c>: the little-endian float32 array, base64-encoded.</summary>
    public static string ToBase64(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        return Convert.ToBase64String(bytes);
    }
}
