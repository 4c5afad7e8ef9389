using System.Collections.Frozen;
using Gatehouse.Tenants;
using Microsoft.Extensions.Configuration;

namespace Gatehouse.Guardrails.Rules;

/// <summary>
/// The custom rules in config (<see cref="SectionName"/>), read once: every problem for start-up validation, and the
/// valid rules, compiled, per tenant. Read from <see cref="IConfiguration"/> rather than <c>IOptions</c>, like the deny
/// list: the detector these feed is asked for its finding types while the options are being validated.
/// </summary>
public sealed class ConfiguredCustomRules
{
    public const string SectionName = "Gatehouse:Guardrails:TenantRules";

    private readonly FrozenDictionary<string, IReadOnlyList<CustomRule>> _rules;
    private readonly FrozenDictionary<string, IReadOnlyList<CompiledCustomRule>> _compiled;

    public ConfiguredCustomRules(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName).Get<Dictionary<string, Dictionary<string, CustomRuleOptions>>>() ?? [];
        var errors = new List<string>();
        var rules = new Dictionary<string, IReadOnlyList<CustomRule>>(StringComparer.Ordinal);
        var compiled = new Dictionary<string, IReadOnlyList<CompiledCustomRule>>(StringComparer.Ordinal);
        foreach (var (tenant, named) in section)
        {
            var valid = Read(tenant, named, errors);
            rules[tenant] = valid;
            compiled[tenant] = [.. valid.Select(CompiledCustomRule.Compile)];
        }

        Errors = errors;
        _rules = rules.ToFrozenDictionary(StringComparer.Ordinal);
        _compiled = compiled.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every problem, each prefixed with its setting's path.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The tenants with configured rules.</summary>
    public IEnumerable<string> Tenants => _rules.Keys;

    /// <summary>The tenant's valid configured rules (none when it has none).</summary>
    public IReadOnlyList<CustomRule> For(string tenant) => _rules.GetValueOrDefault(tenant) ?? [];

    internal IReadOnlyList<CompiledCustomRule> CompiledFor(string tenant) => _compiled.GetValueOrDefault(tenant) ?? [];

    private static List<CustomRule> Read(string tenant, Dictionary<string, CustomRuleOptions> named, List<string> errors)
    {
        var path = $"{SectionName}:{tenant}";
        var valid = new List<CustomRule>();
        if (!TenantId.IsValid(tenant))
        {
            errors.Add($"{path}: '{tenant}' is not a tenant id ({TenantId.Rule}).");
        }

        if (named.Count > CustomRuleSyntax.MaxRulesPerTenant)
        {
            errors.Add($"{path}: at most {CustomRuleSyntax.MaxRulesPerTenant} rules per tenant.");
        }

        foreach (var (name, options) in named)
        {
            if (!CustomRuleSyntax.IsValidName(name))
            {
                errors.Add($"{path}:{name}: '{name}' is not a rule name ({CustomRuleSyntax.NameRule}).");
                continue;
            }

            var rule = options.ToRule(name);
            var problems = CustomRuleSyntax.Check(rule);
            errors.AddRange(problems.Select(p => $"{path}:{name}:{p.Field}: {p.Message}"));
            if (problems.Count == 0)
            {
                valid.Add(rule);
            }
        }

        if (valid.Sum(rule => CustomRuleSyntax.TermCharacters(rule.Terms)) > CustomRuleSyntax.MaxTermCharactersPerTenant)
        {
            errors.Add($"{path}: the deny lists hold more than {CustomRuleSyntax.MaxTermCharactersPerTenant} characters of terms, the most a tenant may have.");
        }

        return valid;
    }
}
