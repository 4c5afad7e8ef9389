using Gatehouse.Configuration;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.PolicyOverrides;
using Gatehouse.Keys;
using Gatehouse.Tenants;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.Tests.Guardrails;

/// <summary>A key's own policy, else its tenant's, else the alias's configured one; each override built once per version.</summary>
public sealed class GuardrailPolicyResolverTests
{
    private static readonly IGuardrailDetector[] Detectors = [StubDetector.Clean("deny", "DENY_TERM"), StubDetector.Clean("custom", "CUSTOM_RULE")];

    private static readonly GuardrailPolicyOverride KeyPolicy = GuardrailPolicyOverride.Create([new("CUSTOM_RULE", "block")]);
    private static readonly GuardrailPolicyOverride TenantPolicy = GuardrailPolicyOverride.Create([new("DENY_TERM", "flag")]);

    private static GuardrailPolicyResolver Resolver()
    {
        var policies = new Dictionary<string, GuardrailPolicyOptions>(StringComparer.Ordinal)
        {
            ["chat"] = new() { Rules = [new GuardrailRuleOptions { Type = "DENY_TERM", Action = "block" }] },
        };
        var pipeline = new GuardrailPipeline(
            Detectors, Options.Create(new GatehouseOptions { Guardrails = new GuardrailOptions { Policies = policies } }), new FakeTimeProvider(), NullLogger<GuardrailPipeline>.Instance);
        return new GuardrailPolicyResolver(pipeline, Detectors);
    }

    private static VirtualKey Key(GuardrailPolicyOverride? policy = null, string id = "key1") =>
        new() { Id = id, Tenant = "acme", Name = "app", Status = KeyStatus.Active, Hint = "abcd", GuardrailOverride = policy };

    private static Tenant Tenant(GuardrailPolicyOverride? policy = null) => new("acme", "Acme", DateTimeOffset.UnixEpoch) { GuardrailOverride = policy };

    [Fact]
    public void Resolve_KeyOverTenantOverConfig()
    {
        var resolver = Resolver();

        var fromKey = resolver.Resolve("chat", Key(KeyPolicy), Tenant(TenantPolicy))!;
        var fromTenant = resolver.Resolve("chat", Key(), Tenant(TenantPolicy))!;
        var fromConfig = resolver.Resolve("chat", Key(), Tenant())!;

        Assert.Equal(("key:key1", "CUSTOM_RULE", GuardrailAction.Block), (fromKey.Name, fromKey.Rules.Single().Type, fromKey.Rules.Single().Action));
        Assert.Equal(["custom"], fromKey.Detectors.Select(d => d.Name));
        Assert.Equal(("tenant:acme", "DENY_TERM", GuardrailAction.Flag), (fromTenant.Name, fromTenant.Rules.Single().Type, fromTenant.Rules.Single().Action));
        Assert.Equal("chat", fromConfig.Name);
        Assert.Null(resolver.Resolve("other", Key(), null));
        Assert.Equal("tenant:acme", resolver.Resolve("other", Key(), Tenant(TenantPolicy))!.Name);
    }

    [Fact]
    public void Resolve_AnOverrideWithNoRules_ExemptsTheKey()
    {
        Assert.Null(Resolver().Resolve("chat", Key(GuardrailPolicyOverride.Create([])), Tenant(TenantPolicy)));
    }

    [Fact]
    public void Resolve_SameVersion_ReusesThePolicy_ANewVersionRebuildsIt()
    {
        var resolver = Resolver();

        var first = resolver.Resolve("chat", Key(KeyPolicy), null);
        var reread = resolver.Resolve("other", Key(GuardrailPolicyOverride.Parse(KeyPolicy.Text)), null);
        var changed = resolver.Resolve("chat", Key(GuardrailPolicyOverride.Create([new("CUSTOM_RULE", "flag")])), null);
        var otherKey = resolver.Resolve("chat", Key(KeyPolicy, id: "key2"), null);

        Assert.Same(first, reread);
        Assert.NotSame(first, changed);
        Assert.Equal(GuardrailAction.Flag, changed!.Rules.Single().Action);
        Assert.Equal("key:key2", otherKey!.Name);
    }
}
