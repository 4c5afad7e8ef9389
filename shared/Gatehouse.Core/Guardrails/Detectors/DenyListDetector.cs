using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Gatehouse.Guardrails.Detectors;

/// <summary>
/// Reports each configured term in the input as a <see cref="GuardrailFindingTypes.DenyTerm"/> finding: whole words only
/// ("jailbreak" is not found in "jailbreaker"), ignoring case, with text and terms folded alike by
/// <see cref="UnicodeFolding"/> (full-width and other compatibility forms, accents, zero-width characters), and any run
/// of white space matching the space in a phrase. The terms are compiled once into one regex on the non-backtracking
/// engine (linear in the input), with a match timeout besides. Findings name a term by its place in the config, never
/// by its text.
/// </summary>
public sealed partial class DenyListDetector : IGuardrailDetector
{
    /// <summary>Findings reported per request at most: more would not change the verdict, only cost memory.</summary>
    public const int MaxFindings = 100;

    private const RegexOptions MatchOptions = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private static readonly FrozenSet<string> Types = FrozenSet.Create(StringComparer.Ordinal, GuardrailFindingTypes.DenyTerm);

    private readonly Regex? _terms;
    private readonly FrozenDictionary<string, int> _places;

    public DenyListDetector(DenyListOptions options, TimeSpan matchTimeout)
    {
        var places = new Dictionary<string, int>(StringComparer.Ordinal);
        var alternatives = new List<string>();
        for (var i = 0; i < options.Terms.Count; i++)
        {
            // Terms validation refuses are left out here: this runs while the options are being validated.
            var term = options.Terms[i] ?? "";
            var words = UnicodeFolding.Fold(term).Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0 && term.Length <= DenyListOptions.MaxTermLength && places.TryAdd(Key(words), i))
            {
                alternatives.Add(Alternative(words));
            }
        }

        _places = places.ToFrozenDictionary(StringComparer.Ordinal);
        _terms = alternatives.Count == 0 ? null : Compile(string.Join('|', alternatives), matchTimeout);
    }

    public string Name => DetectorNames.DenyList;

    public IReadOnlySet<string> FindingTypes => Types;

    /// <summary>
    /// Built from the configuration section rather than <c>IOptions</c>: the options validator asks every detector which
    /// types it reports, and a detector depending on <c>IOptions&lt;GatehouseOptions&gt;</c> would depend on its own validation.
    /// </summary>
    public static DenyListDetector FromConfiguration(IConfiguration configuration)
    {
        var options = configuration.GetSection(GuardrailOptions.SectionName).Get<GuardrailOptions>() ?? new GuardrailOptions();
        return new DenyListDetector(options.DenyList, options.DetectorTimeout);
    }

    public ValueTask<IReadOnlyList<DetectorFinding>> InspectAsync(GuardrailInput input, CancellationToken cancellationToken)
    {
        var findings = new List<DetectorFinding>();
        for (var segment = 0; _terms is not null && segment < input.Segments.Count && findings.Count < MaxFindings; segment++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folded = UnicodeFolding.Fold(input.Segments[segment].Text);
            for (var match = _terms.Match(folded.Text); match.Success && findings.Count < MaxFindings; match = match.NextMatch())
            {
                var (start, length) = folded.ToOriginal(match.Index, match.Length);
                findings.Add(new DetectorFinding(Name, GuardrailFindingTypes.DenyTerm, segment, start, length, 1.0, Explain(match.Value)));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<DetectorFinding>>(findings);
    }

    private string Explain(string matched) =>
        _places.TryGetValue(Key(matched.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), out var place)
            ? $"Matched the deny-list term {GuardrailOptions.SectionName}:DenyList:Terms:{place}."
            : "Matched a deny-list term.";

    /// <summary>A term as matches compare it: folded words, lower case, single spaces.</summary>
    private static string Key(string[] words) => string.Join(' ', words).ToLowerInvariant();

    /// <summary>The words, any white space between them, and word boundaries where the term starts or ends with a word character.</summary>
    private static string Alternative(string[] words)
    {
        var body = string.Join(@"\s+", words.Select(Regex.Escape));
        var start = StartsWithWordCharacter().IsMatch(words[0]) ? @"\b" : "";
        var end = EndsWithWordCharacter().IsMatch(words[^1]) ? @"\b" : "";
        return $"{start}{body}{end}";
    }

    private static Regex Compile(string pattern, TimeSpan matchTimeout)
    {
        var timeout = matchTimeout > TimeSpan.Zero && matchTimeout <= GuardrailOptions.MaxDetectorTimeout ? matchTimeout : TimeSpan.FromSeconds(1);
        try
        {
            return new Regex(pattern, MatchOptions | RegexOptions.NonBacktracking, timeout);
        }
        catch (NotSupportedException)
        {
            // Thousands of terms outgrow what the non-backtracking engine builds. Alternatives of literals barely
            // backtrack on the classic engine, and the timeout bounds it regardless.
            return new Regex(pattern, MatchOptions, timeout);
        }
    }

    [GeneratedRegex(@"^\w")]
    private static partial Regex StartsWithWordCharacter();

    [GeneratedRegex(@"\w$")]
    private static partial Regex EndsWithWordCharacter();
}
