using System.Buffers;

namespace Gatehouse.Guardrails.Detectors.Secrets;

/// <summary>
/// Checks on a candidate value shared by the rules: is it a stand-in (<c>xxxx</c>, <c>&lt;your-api-key&gt;</c>,
/// <c>changeme</c>, <c>test-key</c>, <c>$API_KEY</c>, one character repeated, mostly or six in a row sequential like
/// <c>abcdef</c> or <c>0123456789</c>), and how random is it (Shannon entropy against the most its length and character
/// set allow). All work on the span, without allocating.
/// </summary>
internal static class SecretValue
{
    /// <summary>Text that marks a value as an example or a template slot rather than a credential.</summary>
    private static readonly SearchValues<string> StandInText = SearchValues.Create(
        ["example", "xxxx", "your", "placeholder", "changeme", "change_me", "dummy", "redacted", "sample", "test-key", "test_key", "testkey",
         "****", "...", "\u2026", "<", ">", "{", "}"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Values that only name what belongs there (<c>Password=password</c>, <c>user:pass@</c>), also after my/the.</summary>
    private static readonly string[] StandInWords =
        ["password", "passwd", "pass", "pwd", "pw", "secret", "token", "key", "apikey", "api_key", "none", "null", "empty", "hidden", "mask", "masked"];

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");
    private static readonly SearchValues<char> UpperHex = SearchValues.Create("0123456789ABCDEF");
    private static readonly SearchValues<char> IdentifierCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    public static bool IsPlaceholder(ReadOnlySpan<char> value) =>
        value.ContainsAny(StandInText) || IsOneCharacter(value) || IsSequential(value) || IsStandInWord(value) || IsVariable(value);

    /// <summary>
    /// Not a placeholder, and at least 70% as random as its length and character set allow: real tokens are
    /// generated, so this only turns away hand-made values (<c>abc123abc123...</c>) that pass the format.
    /// </summary>
    public static bool LooksRandom(ReadOnlySpan<char> value) =>
        !IsPlaceholder(value) && Entropy(value) >= 0.7 * Math.Log2(Math.Min(value.Length, CharacterSetSize(value)));

    /// <summary>Shannon entropy in bits per character; every non-ASCII character counts as one symbol.</summary>
    public static double Entropy(ReadOnlySpan<char> value)
    {
        Span<int> counts = stackalloc int[129];
        foreach (var c in value)
        {
            counts[Math.Min((int)c, 128)]++;
        }

        var entropy = 0.0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / value.Length;
                entropy -= p * Math.Log2(p);
            }
        }

        return entropy;
    }

    /// <summary>How many symbols the value's character set has: 16 for hex, else the classes present (a-z, A-Z, 0-9, punctuation).</summary>
    public static int CharacterSetSize(ReadOnlySpan<char> value)
    {
        if (IsHex(value))
        {
            return 16;
        }

        bool lower = false, upper = false, digit = false, other = false;
        foreach (var c in value)
        {
            lower |= char.IsAsciiLetterLower(c);
            upper |= char.IsAsciiLetterUpper(c);
            digit |= char.IsAsciiDigit(c);
            other |= !char.IsAsciiLetterOrDigit(c);
        }

        return (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 20 : 0);
    }

    /// <summary>Only hex digits, letters all of one case (a git SHA, a hash): lower-case letters with digits alone are not hex.</summary>
    public static bool IsHex(ReadOnlySpan<char> value) =>
        !value.IsEmpty && (!value.ContainsAnyExcept(LowerHex) || !value.ContainsAnyExcept(UpperHex));

    private static bool IsOneCharacter(ReadOnlySpan<char> value) => !value.IsEmpty && !value.ContainsAnyExcept(value[0]);

    /// <summary>
    /// Half or more of the neighbouring pairs one apart (<c>abcdef</c>, <c>123456</c>, <c>9876</c>), or five such steps in
    /// a row (<c>...-0123456789</c>): a random 64-character base64 run has one about once in twenty million.
    /// </summary>
    private static bool IsSequential(ReadOnlySpan<char> value)
    {
        int steps = 0, run = 0;
        for (var i = 1; i < value.Length; i++)
        {
            var step = Math.Abs(value[i] - value[i - 1]) == 1;
            steps += step ? 1 : 0;
            run = step ? run + 1 : 0;
            if (run >= 5)
            {
                return true;
            }
        }

        return value.Length > 2 && steps * 2 >= value.Length - 1;
    }

    /// <summary>A variable's name where its value belongs: <c>$API_KEY</c>, <c>$env:TOKEN</c>, <c>%DB_PASSWORD%</c>.</summary>
    private static bool IsVariable(ReadOnlySpan<char> value)
    {
        var name = value.StartsWith("$env:", StringComparison.OrdinalIgnoreCase) ? value[5..]
            : value.Length > 1 && value[0] == '$' ? value[1..]
            : value.Length > 2 && value[0] == '%' && value[^1] == '%' ? value[1..^1]
            : [];
        return !name.IsEmpty && !name.ContainsAnyExcept(IdentifierCharacters);
    }

    private static bool IsStandInWord(ReadOnlySpan<char> value)
    {
        foreach (var prefix in (ReadOnlySpan<string>)["my", "the", "some"])
        {
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                value = value[prefix.Length..].TrimStart("_-");
                break;
            }
        }

        foreach (var word in StandInWords)
        {
            if (value.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
