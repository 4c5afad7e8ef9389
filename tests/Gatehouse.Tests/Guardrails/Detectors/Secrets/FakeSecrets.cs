using System.Text;

namespace Gatehouse.Tests.Guardrails.Detectors.Secrets;

/// <summary>
/// Format-valid, made-up credentials for the labelled table: each drawn from a <see cref="Random"/> seeded with the
/// case's own number, so the table is the same on every run and no real secret is ever pasted into the repository.
/// </summary>
internal static class FakeSecrets
{
    public const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public const string Lower = "abcdefghijklmnopqrstuvwxyz";
    public const string Digits = "0123456789";
    public const string Base32 = Upper + "234567";
    public const string Base62 = Upper + Lower + Digits;
    public const string Base64 = Base62 + "+/";
    public const string Base64Url = Base62 + "-_";
    public const string Hex = "0123456789abcdef";

    public static string Chars(int seed, string alphabet, int length)
    {
        var random = new Random(seed);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    public static byte[] Bytes(int seed, int count)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Base64Of(int seed, int count) => Convert.ToBase64String(Bytes(seed, count));

    public static string Base64UrlOf(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A PEM block of <paramref name="count"/> random bytes, 64 characters a line, lines joined with <paramref name="newline"/>.</summary>
    public static string Pem(int seed, string label, int count, string newline = "\n", string headers = "")
    {
        var body = Base64Of(seed, count);
        var lines = new List<string>();
        for (var i = 0; i < body.Length; i += 64)
        {
            lines.Add(body.Substring(i, Math.Min(64, body.Length - i)));
        }

        return $"-----BEGIN {label}-----{newline}{headers}{string.Join(newline, lines)}{newline}-----END {label}-----";
    }

    /// <summary>header.payload.signature: the JSON given, base64url, and a random 32-byte signature.</summary>
    public static string Jwt(int seed, string header, string payload) =>
        $"{Base64UrlOf(header)}.{Base64UrlOf(payload)}.{Convert.ToBase64String(Bytes(seed, 32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    public static string Uuid(int seed) => new Guid(Bytes(seed, 16)).ToString();
}
