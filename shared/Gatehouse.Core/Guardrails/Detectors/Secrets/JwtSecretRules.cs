using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Secrets;

/// <summary>
/// JSON Web Tokens: three base64url parts, the header and the payload decoding to JSON objects and the header naming
/// its <c>alg</c>, the signature at least 16 characters (an unsigned <c>alg: none</c> token is not a credential).
/// Three dotted base64 words are not enough: a header without <c>alg</c>, or parts that do not decode, are not reported.
/// </summary>
internal static partial class JwtSecretRules
{
    /// <summary>Longer parts are decoded into a rented buffer; parts over this are not a token's.</summary>
    private const int MaxPartLength = 16 * 1024;

    public static SecretRule[] Rules { get; } =
    [
        new(SecretTypes.Jwt, Token(), 0.9, "A JSON Web Token (its header decodes to JSON naming an alg).", IsToken, SecretRule.Base64Url),
    ];

    private static bool IsToken(ReadOnlySpan<char> value)
    {
        var header = value[..value.IndexOf('.')];
        var rest = value[(header.Length + 1)..];
        var payload = rest[..rest.IndexOf('.')];
        return IsJsonObject(header, requireAlg: true) && IsJsonObject(payload, requireAlg: false)
            && SecretValue.LooksRandom(rest[(payload.Length + 1)..]);
    }

    private static bool IsJsonObject(ReadOnlySpan<char> part, bool requireAlg)
    {
        // Checked first: the decoder throws on what is not base64url, and exceptions are slow enough for a text of
        // many candidates to matter.
        if (part.Length > MaxPartLength || !Base64Url.IsValid(part, out _))
        {
            return false;
        }

        byte[]? rented = null;
        Span<byte> buffer = part.Length <= 768 ? stackalloc byte[576] : (rented = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(part.Length)));
        try
        {
            return Base64Url.TryDecodeFromChars(part, buffer, out var written) && IsObject(buffer[..written], requireAlg);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// A JSON object; with <paramref name="requireAlg"/>, one with a top-level string <c>alg</c>. The braces and the
    /// name are looked for first, so random bytes rarely reach the parser (which throws on them).
    /// </summary>
    private static bool IsObject(ReadOnlySpan<byte> json, bool requireAlg)
    {
        json = json.Trim(" \t\r\n"u8);
        if (json.Length < 2 || json[0] != (byte)'{' || json[^1] != (byte)'}' || (requireAlg && json.IndexOf("\"alg\""u8) < 0))
        {
            return false;
        }

        var reader = new Utf8JsonReader(json);
        var hasAlg = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isAlg = reader.ValueTextEquals("alg"u8);
                reader.Read();
                hasAlg |= isAlg && reader.TokenType == JsonTokenType.String;
                reader.Skip();
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() && (hasAlg || !requireAlg);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"(?<v>eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,})",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex Token();
}
