using System.Buffers;
using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Detectors.Secrets;

/// <summary>Whether a matched value is a secret after all (a format check, not a placeholder).</summary>
internal delegate bool SecretValueCheck(ReadOnlySpan<char> value);

/// <summary>
/// The length of the secret whose matched value starts at <paramref name="start"/> and is <paramref name="length"/>
/// long: usually <paramref name="length"/>, more when the secret runs past what the pattern matched (a PEM body), less
/// when the match ends in something else (a sentence's full stop), 0 when it is not a secret after all.
/// </summary>
internal delegate int SecretExtent(string text, int start, int length);

/// <summary>
/// One way to recognise one finding type: a pattern whose group <c>v</c> is the secret's value (or the whole match when
/// it has no such group), a check the value must pass, and the characters that may not come just before the match (the
/// token's own alphabet, so <c>xAKIA...</c> inside a longer run is not a key). That boundary is checked here rather than
/// by a lookbehind at the start of the pattern, because such a lookbehind keeps the regex engine from searching for
/// the pattern's literal prefix with vectorized IndexOf: measured, 20-40 ms per megabyte against 0.1 ms.
/// The explanation is fixed text: it never holds the value.
/// </summary>
internal sealed class SecretRule
{
    /// <summary>
    /// Every pattern's match timeout, per scan of a segment. The patterns are linear (a literal or keyword first, runs
    /// that nothing after them can shorten, or bounded ones), so this is a backstop that stops a runaway scan; the
    /// pipeline's detector budget (200 ms by default) is what judges the detector, and fails the request closed first.
    /// </summary>
    public const int MatchTimeoutMilliseconds = 1000;

    /// <summary>Letters.</summary>
    public static readonly SearchValues<char> Letters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Letters and digits.</summary>
    public static readonly SearchValues<char> Alphanumeric = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>Letters, digits and underscore.</summary>
    public static readonly SearchValues<char> Word = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    /// <summary>The base64url alphabet: letters, digits, - and _.</summary>
    public static readonly SearchValues<char> Base64Url = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private readonly SecretExtent _extent;
    private readonly SearchValues<char>? _notAfter;
    private readonly int _group;

    public SecretRule(string type, Regex pattern, double score, string explanation, SecretValueCheck isSecret, SearchValues<char>? notAfter = null)
        : this(type, pattern, score, explanation, (text, start, length) => isSecret(text.AsSpan(start, length)) ? length : 0, notAfter)
    {
    }

    public SecretRule(string type, Regex pattern, double score, string explanation, SecretExtent extent, SearchValues<char>? notAfter = null)
    {
        Type = type;
        Pattern = pattern;
        Score = score;
        Explanation = explanation;
        _extent = extent;
        _notAfter = notAfter;
        _group = Math.Max(0, pattern.GroupNumberFromName("v"));
    }

    public string Type { get; }

    public Regex Pattern { get; }

    public double Score { get; }

    public string Explanation { get; }

    /// <summary>The secret's start and length in <paramref name="text"/> for a match; a length of 0 when it is not one.</summary>
    public (int Start, int Length) Measure(string text, Match match)
    {
        var value = match.Groups[_group];
        var bounded = _notAfter is null || match.Index == 0 || !_notAfter.Contains(text[match.Index - 1]);
        return (value.Index, bounded && value.Success ? _extent(text, value.Index, value.Length) : 0);
    }
}
