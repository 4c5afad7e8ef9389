using Gatehouse.Configuration;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.PolicyOverrides;

namespace Gatehouse.Tests.Guardrails.PolicyOverrides;

public sealed class GuardrailPolicyOverrideTests
{
    private static readonly HashSet<string> Types = [GuardrailFindingTypes.DenyTerm, GuardrailFindingTypes.CustomRule];

    private static Dictionary<string, ModelRouteOptions> Models() => new(StringComparer.Ordinal)
    {
        ["chat"] = Route(),
        ["strict"] = Route(),
        ["embed"] = Route(ModelOperations.Embeddings),
    };

    private static ModelRouteOptions Route(params string[] operations) =>
        new() { Deployments = [new DeploymentOptions { Provider = "openai", Model = "m" }], Operations = [.. operations] };

    [Fact]
    public void Validate_ValidRules_HaveNoProblem_AndAFallbackIsNotCheckedAgainstItself()
    {
        var models = Models();
        models.Remove("embed");

        Assert.Empty(GuardrailPolicyOverride.Validate(
            [new("DENY_TERM", "fallback", "input", "strict"), new("CUSTOM_RULE", "block", FailOpen: true), new("*", "flag", "both")], models, Types));
    }

    [Fact]
    public void Validate_EachProblem_NamesItsField()
    {
        var problems = GuardrailPolicyOverride.Validate(
            [
                new("DENY_TERMS", "block"),
                new("DENY_TERM", "explode"),
                new("CUSTOM_RULE", "fallback", FallbackModel: "nowhere"),
                new("DENY_TERM", "flag", "sideways"),
                null,
                new("*", "fallback", FallbackModel: "strict"),
            ],
            Models(),
            Types);

        Assert.Equal(
            ["rules[0].type", "rules[1].action", "rules[2].fallback_model", "rules[3].direction", "rules[3].type", "rules[4]", "rules[5].fallback_model"],
            problems.Select(p => p.Field));
        Assert.StartsWith("unknown finding type 'DENY_TERMS'", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("already has a rule", problems[4].Message, StringComparison.Ordinal);
        Assert.Contains("'strict' does not serve embeddings, which 'embed' serves", problems[6].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateAndParse_RoundTrip_ThroughTheStoredText()
    {
        var created = GuardrailPolicyOverride.Create([new("DENY_TERM", "fallback", "input", "strict", true)]);

        var parsed = GuardrailPolicyOverride.Parse(created.Text)!;

        Assert.Equal("""{"rules":[{"type":"DENY_TERM","action":"fallback","direction":"input","fallback_model":"strict","fail_open":true}]}""", created.Text);
        Assert.Equal(created.Rules, parsed.Rules);
        var rule = Assert.Single(parsed.ToOptions().Rules);
        Assert.Equal(("DENY_TERM", "fallback", "strict", true), (rule.Type, rule.Action, rule.FallbackModel, rule.FailOpen));
        Assert.Null(GuardrailPolicyOverride.Parse(null));
        Assert.Empty(GuardrailPolicyOverride.Parse("""{"rules":[]}""")!.Rules);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"rules":null}""")]
    [InlineData("""{"rules":[null]}""")]
    public void Parse_UnreadableColumn_IsTheStrictestPolicy(string stored)
    {
        var rule = Assert.Single(GuardrailPolicyOverride.Parse(stored)!.Rules);

        Assert.Equal(new PolicyOverrideRule("*", "block"), rule);
    }
}
