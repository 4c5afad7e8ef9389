namespace Gatehouse.Guardrails.Rules;

/// <summary>
/// One configured custom rule, <c>Gatehouse:Guardrails:TenantRules:{tenant}:{name}</c>:
/// <c>{ "Kind": "regex", "Pattern": "(?i)project-[0-9]{4}", "Direction": "both", "Action": "block" }</c> or
/// <c>{ "Kind": "deny_list", "Terms": [ "falcon", "blue heron" ], "Action": "flag" }</c>. Names are read ignoring case,
/// as config keys are.
/// </summary>
public sealed class CustomRuleOptions
{
    /// <summary><c>regex</c> or <c>deny_list</c>.</summary>
    public string Kind { get; set; } = "";

    public string? Pattern { get; set; }

    public List<string> Terms { get; set; } = [];

    /// <summary><c>input</c>, <c>output</c> or <c>both</c> (the default).</summary>
    public string Direction { get; set; } = CustomRuleSyntax.DirectionBoth;

    /// <summary><c>block</c>, <c>redact</c>, <c>mask</c> or <c>flag</c>.</summary>
    public string Action { get; set; } = "";

    public string? Description { get; set; }

    public CustomRule ToRule(string name) => new(
        name, Kind.ToLowerInvariant(), Pattern, Terms, Direction.ToLowerInvariant(), Action.ToLowerInvariant(), Description)
    {
        Version = CustomRuleSyntax.FromConfig,
        Source = CustomRuleSyntax.FromConfig,
    };
}
