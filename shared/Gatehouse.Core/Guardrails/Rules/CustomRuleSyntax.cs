using System.Text.RegularExpressions;
using Gatehouse.Guardrails.Detectors;

namespace Gatehouse.Guardrails.Rules;

/// <summary>
/// What a valid custom rule is, for config and the admin API alike: the names its fields take, the limits that bound
/// what one tenant's rules cost on every request, and <see cref="Check(CustomRule)"/>, which finds every problem.
/// </summary>
public static partial class CustomRuleSyntax
{
    public const int MaxRulesPerTenant = 100;
    public const int MaxPatternLength = 1_000;
    public const int MaxTerms = 500;
    public const int MaxTermLength = 200;
    public const int MaxDescriptionLength = 500;

    /// <summary>
    /// All of one tenant's deny-list terms together, in characters. Compiled, 100,000 characters of terms took 3.5 to
    /// 9 MB, so without this a tenant's 100 lists of 500 terms of 200 characters took 340 MB; with it, a few tens of MB.
    /// </summary>
    public const int MaxTermCharactersPerTenant = 250_000;

    public const string NameRule = "1-64 characters: lowercase letters, digits, '_' and '-'";

    public const string KindRegex = "regex";
    public const string KindDenyList = "deny_list";
    public const string DirectionInput = "input";
    public const string DirectionOutput = "output";
    public const string DirectionBoth = "both";

    // The policy's names for these two are added with the actions themselves; until then they are spelled here.
    public const string ActionRedact = "redact";
    public const string ActionMask = "mask";

    public const string FromConfig = "config";
    public const string FromApi = "api";

    /// <summary>The linear-time engine: no pattern can backtrack catastrophically, whatever a tenant writes.</summary>
    public const RegexOptions PatternOptions = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    /// <summary>
    /// A bound on each match besides: a rule that still runs long fails (and so blocks) rather than stalls. 100 ms,
    /// not 50: a large pattern's first matches build its automaton, and on a loaded two-core machine 50 ms tripped on them.
    /// </summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    public static IReadOnlyList<string> Kinds { get; } = [KindRegex, KindDenyList];

    public static IReadOnlyList<string> Directions { get; } = [DirectionInput, DirectionOutput, DirectionBoth];

    /// <summary>Not <c>fallback</c>: which model serves a request is the operator's policy, not a tenant rule's.</summary>
    public static IReadOnlyList<string> Actions { get; } = [GuardrailActions.Block, ActionRedact, ActionMask, GuardrailActions.Flag];

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>What <paramref name="terms"/> count against <see cref="MaxTermCharactersPerTenant"/>.</summary>
    public static int TermCharacters(IReadOnlyList<string> terms)
    {
        var total = 0;
        foreach (var term in terms)
        {
            total += term?.Length ?? 0;
        }

        return total;
    }

    /// <summary>Every problem with the rule's fields (its name is checked by the caller, which knows where it came from).</summary>
    public static IReadOnlyList<RuleProblem> Check(CustomRule rule) => Check(rule, out _);

    /// <summary>As <see cref="Check(CustomRule)"/>, with the regex of a valid <c>regex</c> rule, so it is compiled only once.</summary>
    internal static IReadOnlyList<RuleProblem> Check(CustomRule rule, out Regex? compiled)
    {
        compiled = null;
        var problems = new List<RuleProblem>();
        if (rule.Kind == KindRegex)
        {
            compiled = CheckPattern(rule, problems);
        }
        else if (rule.Kind == KindDenyList)
        {
            CheckTerms(rule, problems);
        }
        else
        {
            problems.Add(new("kind", $"must be one of {string.Join(", ", Kinds)}."));
        }

        if (!Directions.Contains(rule.Direction))
        {
            problems.Add(new("direction", $"must be one of {string.Join(", ", Directions)}."));
        }

        if (!Actions.Contains(rule.Action))
        {
            problems.Add(new("action", $"must be one of {string.Join(", ", Actions)} ('{GuardrailActions.Fallback}' is for the operator's policies)."));
        }

        if (rule.Description is { } description && (description.Length > MaxDescriptionLength || description.Any(char.IsControl)))
        {
            problems.Add(new("description", $"must be at most {MaxDescriptionLength} characters, without control characters."));
        }

        return problems;
    }

    /// <summary>Compiles a pattern as rules run it; null with the problem when it cannot run or would match every text.</summary>
    public static Regex? Compile(string pattern, out string? problem)
    {
        try
        {
            var regex = new Regex(pattern, PatternOptions, MatchTimeout);
            problem = regex.IsMatch("") ? "matches the empty text, so it would match every request; make something in it required." : null;
            return problem is null ? regex : null;
        }
        catch (NotSupportedException e)
        {
            problem = "cannot run on the linear-time regex engine rules use, which has no backreferences, lookarounds, atomic groups " +
                $"or conditionals and bounds a pattern's size: {e.Message}";
        }
        catch (ArgumentException e)
        {
            problem = $"is not a valid regular expression: {e.Message}";
        }

        return null;
    }

    private static Regex? CheckPattern(CustomRule rule, List<RuleProblem> problems)
    {
        if (rule.Terms.Count > 0)
        {
            problems.Add(new("terms", $"only a {KindDenyList} rule has terms; a {KindRegex} rule has a pattern."));
        }

        if (string.IsNullOrEmpty(rule.Pattern))
        {
            problems.Add(new("pattern", $"is required for a {KindRegex} rule."));
            return null;
        }

        if (rule.Pattern.Length > MaxPatternLength)
        {
            problems.Add(new("pattern", $"must be at most {MaxPatternLength} characters."));
            return null;
        }

        var regex = Compile(rule.Pattern, out var problem);
        if (regex is null)
        {
            problems.Add(new("pattern", problem!));
        }

        return regex;
    }

    private static void CheckTerms(CustomRule rule, List<RuleProblem> problems)
    {
        if (rule.Pattern is not null)
        {
            problems.Add(new("pattern", $"only a {KindRegex} rule has a pattern; a {KindDenyList} rule has terms."));
        }

        if (rule.Terms.Count is 0 or > MaxTerms)
        {
            problems.Add(new("terms", $"give between 1 and {MaxTerms} terms."));
            return;
        }

        for (var i = 0; i < rule.Terms.Count; i++)
        {
            var term = rule.Terms[i];
            if (term is null || term.Length > MaxTermLength || term.Any(char.IsControl))
            {
                problems.Add(new("terms", $"term {i} must be a string of at most {MaxTermLength} characters, without control characters."));
                return;
            }

            if (string.IsNullOrWhiteSpace(UnicodeFolding.Fold(term).Text))
            {
                problems.Add(new("terms", $"term {i} is empty (or only spaces and invisible characters)."));
                return;
            }
        }
    }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex NamePattern();
}
