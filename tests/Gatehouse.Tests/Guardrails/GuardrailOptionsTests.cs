using Gatehouse.Configuration;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Detectors;
using Gatehouse.Providers;
using Gatehouse.Providers.OpenAICompatible;
using Microsoft.Extensions.Configuration;

namespace Gatehouse.Tests.Guardrails;

public sealed class GuardrailOptionsTests
{
    private static readonly HashSet<string> Types = [GuardrailFindingTypes.DenyTerm];

    private static Dictionary<string, ModelRouteOptions> Models() => new(StringComparer.Ordinal)
    {
        ["chat"] = Route(),
        ["strict"] = Route(),
        ["embed"] = Route(ModelOperations.Embeddings),
    };

    private static ModelRouteOptions Route(params string[] operations) =>
        new() { Deployments = [new DeploymentOptions { Provider = "openai", Model = "m" }], Operations = [.. operations] };

    private static GuardrailRuleOptions Rule(string type, string action, string? fallback = null, string? direction = null) =>
        new() { Type = type, Action = action, FallbackModel = fallback, Direction = direction };

    private static GuardrailOptions WithPolicies(params (string Name, GuardrailRuleOptions[] Rules)[] policies) => new()
    {
        DenyList = new DenyListOptions { Terms = ["jailbreak"] },
        Policies = policies.ToDictionary(p => p.Name, p => new GuardrailPolicyOptions { Rules = [.. p.Rules] }, StringComparer.Ordinal),
    };

    [Fact]
    public void Validate_AFallbackToAnotherAlias_IsValid()
    {
        var options = WithPolicies(("chat", [Rule("DENY_TERM", "fallback", "strict"), Rule("*", "Flag")]), ("strict", []));

        Assert.Empty(options.Validate(Models(), Types));
    }

    [Fact]
    public void Validate_EveryProblem_ReportedAtOnce()
    {
        var options = WithPolicies(
            ("chat", [Rule("DENY_TERM", "erase"), Rule("DENY_TERMS", "block"), Rule("DENY_TERM", "flag"), Rule("", "block")]),
            ("strict", [Rule("*", "fallback")]),
            ("embed", [Rule("*", "fallback", "nowhere")]),
            ("typo", [Rule("*", "block")]));
        options.DenyList.Terms.Add(" \u200B ");
        options.DetectorTimeout = TimeSpan.Zero;

        var errors = options.Validate(Models(), Types);

        Assert.Equal(
            [
                "Gatehouse:Guardrails:DenyList:Terms:1: is empty (or only spaces and invisible characters).",
                "Gatehouse:Guardrails:DetectorTimeout: must be above 0 and at most 10 s.",
                "Gatehouse:Guardrails:Policies:chat:Rules:0:Action: unknown action 'erase'; known: block, flag, fallback, redact, mask.",
                "Gatehouse:Guardrails:Policies:chat:Rules:1:Type: unknown finding type 'DENY_TERMS'; known: DENY_TERM, or '*'.",
                "Gatehouse:Guardrails:Policies:chat:Rules:2:Type: 'DENY_TERM' already has a rule for input in this policy; give each type one rule per direction.",
                "Gatehouse:Guardrails:Policies:chat:Rules:3:Type: is required: DENY_TERM, or '*'.",
                "Gatehouse:Guardrails:Policies:strict:Rules:0:FallbackModel: is required for a fallback: the model alias that serves the request instead.",
                "Gatehouse:Guardrails:Policies:embed:Rules:0:FallbackModel: there is no model alias 'nowhere' in Gatehouse:Models.",
                "Gatehouse:Guardrails:Policies:typo: there is no model alias 'typo' in Gatehouse:Models; name an alias, or '*' for every alias without a policy of its own.",
            ],
            errors);
    }

    [Fact]
    public void Validate_Directions_OneRulePerTypeAndDirection_FallbackAndMaskNotOnOutput()
    {
        var options = WithPolicies(("chat",
        [
            Rule("DENY_TERM", "mask", direction: "input"),
            Rule("DENY_TERM", "block", direction: "Output"),
            Rule("*", "fallback", "strict", direction: "output"),
            Rule("*", "mask", direction: "output"),
            Rule("*", "flag", direction: "sideways"),
        ]));
        options.StreamLookBehind = 0;

        Assert.Equal(
            [
                "Gatehouse:Guardrails:StreamLookBehind: must be between 1 and 4096 characters.",
                "Gatehouse:Guardrails:Policies:chat:Rules:2:Direction: a fallback re-routes the request, so it cannot act on output; use block, redact or flag for answers.",
                "Gatehouse:Guardrails:Policies:chat:Rules:3:Type: '*' already has a rule for output in this policy; give each type one rule per direction.",
                "Gatehouse:Guardrails:Policies:chat:Rules:3:Direction: a mask on output would have nothing to restore; use redact for answers (a mask with direction both masks the prompt and redacts the answer).",
                "Gatehouse:Guardrails:Policies:chat:Rules:4:Direction: unknown direction 'sideways'; known: input, output, both.",
            ],
            options.Validate(Models(), Types));
    }

    [Fact]
    public void Validate_ABothRuleTakesBothDirections()
    {
        var options = WithPolicies(("chat", [Rule("DENY_TERM", "mask"), Rule("DENY_TERM", "redact", direction: "output")]));

        Assert.Equal(["Gatehouse:Guardrails:Policies:chat:Rules:1:Type: 'DENY_TERM' already has a rule for output in this policy; give each type one rule per direction."],
            options.Validate(Models(), Types));
        Assert.Empty(WithPolicies(("chat", [Rule("DENY_TERM", "mask"), Rule("*", "block", direction: "output")])).Validate(Models(), Types));
    }

    [Fact]
    public void Validate_FallbackToItself_IsAnError()
    {
        var errors = WithPolicies(("strict", [Rule("DENY_TERM", "fallback", "strict")])).Validate(Models(), Types);

        Assert.Equal(["Gatehouse:Guardrails:Policies:strict:Rules:0:FallbackModel: the policy applies to 'strict' itself, which would fall back to itself; give 'strict' a policy of its own."], errors);
    }

    [Fact]
    public void Validate_StarPolicyFallingBackToAnAliasItCovers_IsAnError_UntilThatAliasHasItsOwn()
    {
        var models = Models();
        models.Remove("embed");
        var star = WithPolicies(("*", [Rule("DENY_TERM", "fallback", "strict")]));

        Assert.Equal(["Gatehouse:Guardrails:Policies:*:Rules:0:FallbackModel: the policy applies to 'strict' itself, which would fall back to itself; give 'strict' a policy of its own."],
            star.Validate(models, Types));

        star.Policies["strict"] = new GuardrailPolicyOptions { Rules = [Rule("DENY_TERM", "flag")] };
        Assert.Empty(star.Validate(models, Types));
    }

    [Fact]
    public void Validate_FallbackThatCannotServeTheOperation_IsAnError()
    {
        var errors = WithPolicies(("embed", [Rule("DENY_TERM", "fallback", "strict")])).Validate(Models(), Types);

        Assert.Equal(["Gatehouse:Guardrails:Policies:embed:Rules:0:FallbackModel: 'strict' does not serve embeddings, which 'embed' serves."], errors);
    }

    [Fact]
    public void GatehouseOptionsValidator_ChecksRuleTypesAgainstTheRegisteredDetectors()
    {
        var options = new GatehouseOptions
        {
            Storage = new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" },
            Keys = new KeyOptions { Pepper = new string('p', 32) },
            Providers = { ["openai"] = new ProviderOptions { Type = "openai", BaseUrl = "https://api.openai.com/v1", ApiKeySetting = "OPENAI_API_KEY" } },
            Models = { ["chat"] = Route() },
            Guardrails = WithPolicies(("chat", [Rule("DENY_TERM", "block")])),
        };
        var settings = new ConfigurationBuilder().AddInMemoryCollection([new("OPENAI_API_KEY", "sk-x")]).Build();
        IProviderAdapter[] adapters = [new OpenAICompatibleAdapter(ProviderNames.OpenAI)];

        var withDetector = new GatehouseOptionsValidator(settings, adapters, [new DenyListDetector(options.Guardrails.DenyList, TimeSpan.FromSeconds(1))]);
        var withoutDetector = new GatehouseOptionsValidator(settings, adapters, []);

        Assert.True(withDetector.Validate(null, options).Succeeded);
        Assert.Contains("unknown finding type 'DENY_TERM'", withoutDetector.Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }
}
