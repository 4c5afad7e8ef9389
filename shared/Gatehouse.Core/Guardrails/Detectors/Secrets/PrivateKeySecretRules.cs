using System.Buffers;
using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Secrets;

/// <summary>
/// PEM private keys: <c>-----BEGIN (RSA|EC|OPENSSH|DSA|PGP|ENCRYPTED )PRIVATE KEY-----</c> (PGP's ends in BLOCK), the
/// finding running to the END line, or, when the block is cut off, to the end of its body. The pattern matches the
/// BEGIN line only; <see cref="Extent"/> walks the body in code, once, stopping at the next <c>-----</c>, so a text of
/// many BEGIN lines stays linear. A body with too little base64 (<c>...</c>, <c>&lt;your key&gt;</c>, a truncated
/// example) is a stand-in, not reported; neither is a lone BEGIN line in prose.
/// </summary>
internal static partial class PrivateKeySecretRules
{
    /// <summary>A 4096-bit RSA key's PEM is about 3.3 KB, a PGP private key block a few KB more.</summary>
    private const int MaxBodyLength = 64 * 1024;

    /// <summary>A DER-encoded private key is hundreds of bytes; a P-256 EC key, the smallest, is over 160 base64 characters.</summary>
    private const int MinBase64Characters = 64;

    private static readonly SearchValues<char> Base64 = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    /// <summary>Base64, line breaks (real or JSON-escaped), and what encryption headers use (<c>DEK-Info: AES-128-CBC,...</c>).</summary>
    private static readonly SearchValues<char> BodyCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \t\r\n\\:,.-");

    public static SecretRule[] Rules { get; } =
    [
        new(SecretTypes.PrivateKey, BeginLine(), 0.99, "A PEM private key block.", Extent),
    ];

    /// <summary>From the BEGIN line to the end of its END line, or of its body when there is none; 0 for a stand-in body.</summary>
    public static int Extent(string text, int start, int length)
    {
        var bodyStart = start + length;
        var limit = Math.Min(text.Length, bodyStart + MaxBodyLength);
        var end = bodyStart;
        while (end < limit && BodyCharacters.Contains(text[end]) && !(text[end] == '-' && text.AsSpan(end).StartsWith("-----", StringComparison.Ordinal)))
        {
            end++;
        }

        if (!IsBody(text.AsSpan(bodyStart, end - bodyStart)))
        {
            return 0;
        }

        if (text.AsSpan(end).StartsWith("-----END ", StringComparison.Ordinal))
        {
            var label = text.AsSpan(end + 9, Math.Min(48, text.Length - end - 9));
            var close = label.IndexOf("-----", StringComparison.Ordinal);
            if (close >= 0 && label[..close].Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                return end + 9 + close + 5 - start;
            }
        }

        // Cut off (or closed by something else): the key is its body, without the trailing line breaks.
        var body = text.AsSpan(bodyStart, end - bodyStart);
        while (body.Length > 0 && (char.IsWhiteSpace(body[^1]) || body.EndsWith("\\n", StringComparison.Ordinal) || body.EndsWith("\\r", StringComparison.Ordinal)))
        {
            body = body[..^(char.IsWhiteSpace(body[^1]) ? 1 : 2)];
        }

        return bodyStart + body.Length - start;
    }

    /// <summary>Enough base64, varied, and little else but line breaks.</summary>
    private static bool IsBody(ReadOnlySpan<char> body)
    {
        int base64 = 0, other = 0;
        foreach (var c in body)
        {
            if (Base64.Contains(c))
            {
                base64++;
            }
            else if (!char.IsWhiteSpace(c) && c != '\\')
            {
                other++;
            }
        }

        return base64 >= MinBase64Characters && other * 8 <= base64 && SecretValue.Entropy(body) >= 4.0;
    }

    [GeneratedRegex(@"-----BEGIN (?:(?:RSA|EC|OPENSSH|DSA|PGP|ENCRYPTED) )?PRIVATE KEY(?: BLOCK)?-----",
        RegexOptions.CultureInvariant, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex BeginLine();
}
