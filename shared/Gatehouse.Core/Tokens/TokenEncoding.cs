using Microsoft.ML.Tokenizers;

namespace Gatehouse.Tokens;

/// <summary>
/// The tokenizer that counts a model's tokens: o200k_base (GPT-4o and later, o-series), cl100k_base (GPT-4, GPT-3.5,
/// the text-embedding models), or, for model families whose tokenizer is not public or not shipped here (Claude,
/// Gemini, Llama, Mistral…), an approximation: the o200k_base count times <see cref="ApproximationFactor"/>, rounded up.
/// </summary>
/// <remarks>
/// Why 1.2: those tokenizers have smaller or differently trained vocabularies than o200k_base and split typical
/// English and code into roughly 5–20 % more tokens (Claude's the most). Counts gate limits and budgets before the
/// call and the provider's usage settles them afterwards, so the approximation errs high rather than let a request
/// through on an undercount.
/// </remarks>
public sealed class TokenEncoding
{
    public const string O200kBaseName = "o200k_base";
    public const string Cl100kBaseName = "cl100k_base";

    /// <summary>What an approximate count is multiplied by (see the remarks on the type).</summary>
    public const decimal ApproximationFactor = 1.2m;

    private static readonly Lazy<Tokenizer> O200kTokenizer = new(() => TiktokenTokenizer.CreateForEncoding(O200kBaseName));
    private static readonly Lazy<Tokenizer> Cl100kTokenizer = new(() => TiktokenTokenizer.CreateForEncoding(Cl100kBaseName));

    // A family matches the start of a model name when followed by its end or by '-', '.', ':' (a snapshot, size or variant).
    private static readonly string[] O200kFamilies = ["gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4", "gpt-oss"];
    private static readonly string[] Cl100kFamilies = ["gpt-4", "gpt-3.5", "gpt-35", "text-embedding-3", "text-embedding-ada-002"];

    private readonly Lazy<Tokenizer> _tokenizer;

    private TokenEncoding(string name, bool isApproximate, Lazy<Tokenizer> tokenizer)
    {
        Name = name;
        IsApproximate = isApproximate;
        _tokenizer = tokenizer;
    }

    public static TokenEncoding O200kBase { get; } = new(O200kBaseName, isApproximate: false, O200kTokenizer);

    public static TokenEncoding Cl100kBase { get; } = new(Cl100kBaseName, isApproximate: false, Cl100kTokenizer);

    /// <summary>Counts with o200k_base and scales the result by <see cref="ApproximationFactor"/>.</summary>
    public static TokenEncoding Approximate { get; } = new(O200kBaseName, isApproximate: true, O200kTokenizer);

    /// <summary>The tokenizer's name (the one actually run, also for an approximation).</summary>
    public string Name { get; }

    /// <summary>True when counts are the o200k_base count scaled by <see cref="ApproximationFactor"/>.</summary>
    public bool IsApproximate { get; }

    /// <summary>
    /// The encoding of an upstream model name, case-insensitive: "gpt-4o-mini-2024-07-18" → o200k_base, "gpt-4-0613" →
    /// cl100k_base, "claude-sonnet-4" → approximate. A provider prefix ("openai/gpt-4o") and a fine-tune prefix
    /// ("ft:gpt-4o-mini:org::id") are looked through.
    /// </summary>
    public static TokenEncoding For(string? model)
    {
        var name = (model ?? "").AsSpan().Trim();
        name = name[(name.LastIndexOf('/') + 1)..];
        if (name.StartsWith("ft:", StringComparison.OrdinalIgnoreCase))
        {
            name = name[3..];
        }

        return Matches(name, O200kFamilies) ? O200kBase : Matches(name, Cl100kFamilies) ? Cl100kBase : Approximate;
    }

    /// <summary>The tokens of a text in this encoding, unscaled (scale a whole count once, with <see cref="Scale"/>).</summary>
    internal int CountRaw(ReadOnlySpan<char> text) => text.IsEmpty ? 0 : _tokenizer.Value.CountTokens(text);

    /// <summary>A raw count as this encoding reports it: unchanged, or scaled up for an approximation.</summary>
    internal int Scale(long rawCount)
    {
        var scaled = IsApproximate ? Math.Ceiling(rawCount * ApproximationFactor) : rawCount;
        return (int)Math.Min(int.MaxValue, scaled);
    }

    /// <summary>Loads the vocabulary now (it takes a moment), so that the first real count does not wait for it.</summary>
    internal void Load() => _ = _tokenizer.Value;

    private static bool Matches(ReadOnlySpan<char> model, string[] families)
    {
        foreach (var family in families)
        {
            if (model.StartsWith(family, StringComparison.OrdinalIgnoreCase)
                && (model.Length == family.Length || model[family.Length] is '-' or '.' or ':'))
            {
                return true;
            }
        }

        return false;
    }
}
