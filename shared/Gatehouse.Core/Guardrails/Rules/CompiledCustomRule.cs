using System.Text.RegularExpressions;

namespace Gatehouse.Guardrails.Rules;

/// <summary>
/// A custom rule ready to run: its regex or its terms' matcher, built once per rule <see cref="Version"/> (compiling
/// on every request would cost more than matching), the directions it inspects and the action its findings carry.
/// </summary>
internal sealed class CompiledCustomRule
{
    private CompiledCustomRule(CustomRule rule, Regex? pattern, DenyTermMatcher? terms)
    {
        Name = rule.Name;
        Version = rule.Version;
        Pattern = pattern;
        Terms = terms;
        Input = rule.Direction is CustomRuleSyntax.DirectionInput or CustomRuleSyntax.DirectionBoth;
        Output = rule.Direction is CustomRuleSyntax.DirectionOutput or CustomRuleSyntax.DirectionBoth;

        // Redact and mask parse once the policy has them; an action this build cannot apply blocks, the safe side.
        Action = GuardrailActions.TryParse(rule.Action, out var action) ? action : GuardrailAction.Block;
        Explanation = $"custom rule '{rule.Name}'";
    }

    public string Name { get; }

    public string Version { get; }

    /// <summary>For <c>regex</c> rules; run on the text as sent.</summary>
    public Regex? Pattern { get; }

    /// <summary>For <c>deny_list</c> rules; run on the <see cref="TermText"/>.</summary>
    public DenyTermMatcher? Terms { get; }

    public bool Input { get; }

    public bool Output { get; }

    public GuardrailAction Action { get; }

    /// <summary>Names the rule, never the text it matched.</summary>
    public string Explanation { get; }

    public bool Inspects(GuardrailDirection direction) => direction == GuardrailDirection.Input ? Input : Output;

    /// <summary>A checked rule, compiled; throws (naming the rule only) when it does not hold, e.g. a row edited by hand.</summary>
    public static CompiledCustomRule Compile(CustomRule rule)
    {
        if (CustomRuleSyntax.Check(rule, out var regex) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException($"The custom rule '{rule.Name}' is not valid ({problems[0].Field}); fix or delete it.");
        }

        return regex is not null ? new CompiledCustomRule(rule, regex, null) : new CompiledCustomRule(rule, null, DenyTermMatcher.Create(rule.Terms));
    }
}
