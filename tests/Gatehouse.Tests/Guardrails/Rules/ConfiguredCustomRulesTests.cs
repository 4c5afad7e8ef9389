using Gatehouse.Guardrails.Rules;
using Microsoft.Extensions.Configuration;

namespace Gatehouse.Tests.Guardrails.Rules;

public sealed class ConfiguredCustomRulesTests
{
    private static ConfiguredCustomRules Read(Dictionary<string, string?> settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void Read_ValidRules_PerTenant_NamesAndValuesReadIgnoringCase()
    {
        var rules = Read(new()
        {
            ["Gatehouse:Guardrails:TenantRules:acme:codes:Kind"] = "Regex",
            ["Gatehouse:Guardrails:TenantRules:acme:codes:Pattern"] = "PRJ-[0-9]+",
            ["Gatehouse:Guardrails:TenantRules:acme:codes:Action"] = "Block",
            ["Gatehouse:Guardrails:TenantRules:acme:birds:kind"] = "deny_list",
            ["Gatehouse:Guardrails:TenantRules:acme:birds:terms:0"] = "falcon",
            ["Gatehouse:Guardrails:TenantRules:acme:birds:terms:1"] = "blue heron",
            ["Gatehouse:Guardrails:TenantRules:acme:birds:action"] = "flag",
            ["Gatehouse:Guardrails:TenantRules:acme:birds:direction"] = "input",
        });

        Assert.Empty(rules.Errors);
        var codes = Assert.Single(rules.For("acme"), r => r.Name == "codes");
        Assert.Equal(("regex", "block", "both", "config"), (codes.Kind, codes.Action, codes.Direction, codes.Source));
        Assert.Equal(["falcon", "blue heron"], Assert.Single(rules.For("acme"), r => r.Name == "birds").Terms);
        Assert.Equal(2, rules.CompiledFor("acme").Count);
        Assert.Empty(rules.For("globex"));
    }

    [Fact]
    public void Read_EveryProblem_WithItsPath_AndOnlyValidRulesKept()
    {
        var rules = Read(new()
        {
            ["Gatehouse:Guardrails:TenantRules:Globex_Corp:ok:Kind"] = "regex",
            ["Gatehouse:Guardrails:TenantRules:Globex_Corp:ok:Pattern"] = "x",
            ["Gatehouse:Guardrails:TenantRules:Globex_Corp:ok:Action"] = "flag",
            ["Gatehouse:Guardrails:TenantRules:acme:Bad.Name:Kind"] = "regex",
            ["Gatehouse:Guardrails:TenantRules:acme:loop:Kind"] = "regex",
            ["Gatehouse:Guardrails:TenantRules:acme:loop:Pattern"] = @"(a)\1",
            ["Gatehouse:Guardrails:TenantRules:acme:loop:Action"] = "fallback",
        });

        Assert.Equal(4, rules.Errors.Count);
        Assert.Contains(rules.Errors, e => e.StartsWith("Gatehouse:Guardrails:TenantRules:Globex_Corp: 'Globex_Corp' is not a tenant id", StringComparison.Ordinal));
        Assert.Contains(rules.Errors, e => e.StartsWith("Gatehouse:Guardrails:TenantRules:acme:Bad.Name: 'Bad.Name' is not a rule name", StringComparison.Ordinal));
        Assert.Contains(rules.Errors, e => e.StartsWith("Gatehouse:Guardrails:TenantRules:acme:loop:pattern: cannot run on the linear-time", StringComparison.Ordinal));
        Assert.Contains(rules.Errors, e => e.StartsWith("Gatehouse:Guardrails:TenantRules:acme:loop:action: must be one of", StringComparison.Ordinal));
        Assert.Empty(rules.For("acme"));
    }

    [Fact]
    public void Read_MoreThan100RulesForATenant_IsAnError()
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i <= CustomRuleSyntax.MaxRulesPerTenant; i++)
        {
            settings[$"Gatehouse:Guardrails:TenantRules:acme:r{i}:Kind"] = "regex";
            settings[$"Gatehouse:Guardrails:TenantRules:acme:r{i}:Pattern"] = $"x{i}";
            settings[$"Gatehouse:Guardrails:TenantRules:acme:r{i}:Action"] = "flag";
        }

        Assert.Equal(["Gatehouse:Guardrails:TenantRules:acme: at most 100 rules per tenant."], Read(settings).Errors);
    }

    [Fact]
    public void Read_MoreTermCharactersThanATenantMayHave_IsAnError()
    {
        var settings = new Dictionary<string, string?>();
        for (var rule = 0; rule < 3; rule++)
        {
            settings[$"Gatehouse:Guardrails:TenantRules:acme:list{rule}:Kind"] = "deny_list";
            settings[$"Gatehouse:Guardrails:TenantRules:acme:list{rule}:Action"] = "flag";
            for (var i = 0; i < 500; i++)
            {
                settings[$"Gatehouse:Guardrails:TenantRules:acme:list{rule}:Terms:{i}"] = $"{new string('t', 195)}{i:D5}";
            }
        }

        Assert.Equal(["Gatehouse:Guardrails:TenantRules:acme: the deny lists hold more than 250000 characters of terms, the most a tenant may have."], Read(settings).Errors);
    }
}
