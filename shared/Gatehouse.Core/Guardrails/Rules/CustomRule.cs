namespace Gatehouse.Guardrails.Rules;

/// <summary>
/// One of a tenant's own guardrail rules, from config (<c>Gatehouse:Guardrails:TenantRules:{tenant}:{name}</c>) or
/// the admin API: a <see cref="Kind"/> (<c>regex</c> with a <see cref="Pattern"/>, or <c>deny_list</c> with
/// <see cref="Terms"/>), the <see cref="Direction"/> it inspects and the <see cref="Action"/> its findings carry. The
/// values are the wire names in <see cref="CustomRuleSyntax"/>; <see cref="CustomRuleSyntax.Check"/> says whether they hold.
/// </summary>
public sealed record CustomRule(
    string Name, string Kind, string? Pattern, IReadOnlyList<string> Terms, string Direction, string Action, string? Description)
{
    /// <summary>Changes whenever the rule does (the row's ETag; <c>config</c> for configured rules): compiled matchers are cached by it.</summary>
    public string Version { get; init; } = "";

    /// <summary><see cref="CustomRuleSyntax.FromConfig"/> or <see cref="CustomRuleSyntax.FromApi"/>.</summary>
    public string Source { get; init; } = CustomRuleSyntax.FromApi;

    public DateTimeOffset? UpdatedAt { get; init; }

    public string? UpdatedBy { get; init; }
}
