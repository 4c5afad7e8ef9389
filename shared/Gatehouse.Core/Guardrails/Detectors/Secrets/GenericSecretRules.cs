using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Secrets;

/// <summary>
/// A high-entropy value assigned to a secret-like name (<c>api_key = "..."</c>, <c>"token": "..."</c>,
/// <c>DB_PASSWORD=...</c>, <c>the API key is ...</c>) or sent as a bearer token (<c>Authorization: Bearer ...</c>).
/// The finding is the value only, without a full stop that ends the sentence. Runs last: a value another rule already
/// reported is not reported again. Turned away: names ending in "id" (identifiers), values under
/// <see cref="MinLength"/> characters, stand-ins, UUIDs (identifiers far outnumber UUID-shaped keys), digits only, words
/// and code (<c>process.env.DB_PASSWORD</c>, <c>get_secret_from_vault</c>, <c>string.IsNullOrEmpty</c>,
/// <c>sha2_password</c>), and values less random than <see cref="MinEntropyRatio"/> of what their length and character
/// set allow (hex: <see cref="MinHexEntropy"/> bits per character).
/// </summary>
internal static partial class GenericSecretRules
{
    public const int MinLength = 16;

    /// <summary>An AWS session token runs to about a thousand characters; longer runs are data, not a credential.</summary>
    public const int MaxLength = 2048;

    /// <summary>Random base62 strings of 16 to 64 characters reach this in all but about 1 in 1,000 cases; English identifiers mostly do not.</summary>
    public const double MinEntropyRatio = 0.75;

    /// <summary>For hex, whose alphabet is smaller than the length: random 16-character hex reaches it in all but about 1 in 1,000 cases.</summary>
    public const double MinHexEntropy = 2.5;

    /// <summary>Digits a word may end in (<c>api03</c>, <c>sha256</c>, <c>v2</c>).</summary>
    private const int MaxWordDigits = 4;

    /// <summary>Digits a word may end in (<c>api03</c>, <c>sha256</c>, <c>v2</c>).</summary>
    public static SecretRule[] Rules { get; } =
    [
        new(SecretTypes.GenericSecret, Assignment(), 0.6, "A high-entropy value assigned to a secret-like name (password, token, api key, ...).", Extent),
    ];

    private static int Extent(string text, int start, int length)
    {
        var value = text.AsSpan(start, length).TrimEnd('.');
        return IsSecret(value) ? value.Length : 0;
    }

    private static bool IsSecret(ReadOnlySpan<char> value)
    {
        if (value.Length is < MinLength or > MaxLength || !value.ContainsAnyExceptInRange('0', '9') || IsWords(value)
            || IsUuid(value) || SecretValue.IsPlaceholder(value))
        {
            return false;
        }

        var entropy = SecretValue.Entropy(value);
        return SecretValue.IsHex(value)
            ? entropy >= MinHexEntropy
            : entropy >= MinEntropyRatio * Math.Log2(Math.Min(value.Length, SecretValue.CharacterSetSize(value)));
    }

    private static bool IsUuid(ReadOnlySpan<char> value) => value.Length == 36 && Guid.TryParseExact(value, "D", out _);

    /// <summary>
    /// Every part between separators a word: letters in one case, with few capitals, or camel case (each capital
    /// followed by a small letter), then at most <see cref="MaxWordDigits"/> digits (<c>DB_PASSWORD</c>,
    /// <c>string.IsNullOrEmpty</c>, <c>/var/run/secrets/token</c>, <c>api03</c>). Generated keys mix cases and digits
    /// throughout: about 1 in 400 random 16-character base62 keys passes for words (no digit, and few capitals or camel
    /// case), far fewer longer ones.
    /// </summary>
    private static bool IsWords(ReadOnlySpan<char> value)
    {
        foreach (var range in value.SplitAny("-_./"))
        {
            var part = value[range];
            var letters = part.TrimEnd("0123456789");
            if (part.Length - letters.Length > MaxWordDigits || letters.ContainsAnyExcept(SecretRule.Letters))
            {
                return false;
            }

            int upper = 0, lower = 0, camel = 0;
            for (var i = 0; i < letters.Length; i++)
            {
                var capital = char.IsAsciiLetterUpper(letters[i]);
                upper += capital ? 1 : 0;
                lower += capital ? 0 : 1;
                camel += capital && i + 1 < letters.Length && char.IsAsciiLetterLower(letters[i + 1]) ? 1 : 0;
            }

            if (upper > 0 && lower > 0 && upper * 4 > letters.Length && camel < upper)
            {
                return false;
            }
        }

        return true;
    }

    // The key's name: a secret-like word (not .NET's PublicKeyToken, a public hash) and the rest of the name
    // (SecretAccessKey, Authorization), not ending in "id" (api_key_id, auth_id, tokenId name identifiers, which are
    // random too), then an assignment (=, :, =>, :=, "is"); or "Bearer"/"token" and white space. Then an optional quote
    // and auth scheme, and the value: a run of token characters, which nothing follows in the pattern, so it is never
    // retried shorter.
    [GeneratedRegex(
        @"(?:(?:password|passwd|pwd|secret|token(?<!publickeytoken)|api[_ -]?key|access[_ -]?key|client[_ -]?secret|auth|credential)[a-z0-9_.-]{0,24}(?<!id)[""']?\s*(?:=>|:=|[:=]|\s(?:is|was)\s)\s*"
        + @"|(?:bearer|token)\s+)"
        + @"[""'`]?(?:(?:bearer|token|basic)\s+)?"
        + @"(?<v>[A-Za-z0-9+/=_.~!@#$^*-]{16,})",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase, SecretRule.MatchTimeoutMilliseconds)]
    private static partial Regex Assignment();
}
