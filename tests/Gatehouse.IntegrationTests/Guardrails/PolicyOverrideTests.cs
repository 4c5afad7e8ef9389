using Gatehouse.Guardrails;
using Gatehouse.Guardrails.PolicyOverrides;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Keys;
using Gatehouse.Limits;
using Gatehouse.Tenants;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.IntegrationTests.Guardrails;

/// <summary>
/// Policy overrides through the stores and the caches the proxy reads keys and tenants from: stored on the rows, carried
/// by the cached key and tenant, and resolved key over tenant over config; a change reaches the cache within its TTL.
/// </summary>
public sealed class PolicyOverrideTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private CoreServices _services = null!;

    public async Task InitializeAsync() => _services = await CoreServices.StartAsync(_time, new Dictionary<string, string?>
    {
        ["Gatehouse:Guardrails:DenyList:Terms:0"] = "falcon",
        ["Gatehouse:Guardrails:Policies:m:Rules:0:Type"] = "DENY_TERM",
        ["Gatehouse:Guardrails:Policies:m:Rules:0:Action"] = "block",
    });

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<(VirtualKey Key, Tenant Tenant)> CachedAsync(string secret, string tenant)
    {
        var match = await _services.Get<KeyResolver>().ResolveAsync(secret, CancellationToken.None);
        return (match!.Key, (await _services.Get<TenantCache>().GetAsync(tenant, CancellationToken.None))!);
    }

    [Fact]
    public async Task Resolve_FromCachedKeyAndTenant_KeyOverTenantOverConfig()
    {
        var tenantId = AdminApi.NewTenantId();
        var tenants = _services.Get<TenantStore>();
        var keys = _services.Get<KeyStore>();
        var resolver = _services.Get<GuardrailPolicyResolver>();
        await tenants.TryCreateAsync(tenantId, "Acme", RateLimits.None, null, CancellationToken.None);
        var (key, secret) = await keys.CreateAsync(new KeySpec(tenantId, "app", ["*"], "test"), CancellationToken.None);

        var (plainKey, plainTenant) = await CachedAsync(secret, tenantId);
        Assert.Equal("m", resolver.Resolve("m", plainKey, plainTenant)!.Name);

        await tenants.UpdateAsync(tenantId, t => t with { GuardrailOverride = GuardrailPolicyOverride.Create([new("DENY_TERM", "flag")]) }, CancellationToken.None);
        await keys.UpdateAsync(key.Id, k => k with { GuardrailOverride = GuardrailPolicyOverride.Create([new("CUSTOM_RULE", "block")]) }, CancellationToken.None);
        _services.Get<KeyCache>().Invalidate(key.Id);
        _time.Advance(TimeSpan.FromSeconds(31)); // past the tenant cache's TTL
        var (overriddenKey, overriddenTenant) = await CachedAsync(secret, tenantId);

        var fromKey = resolver.Resolve("m", overriddenKey, overriddenTenant)!;
        var fromTenant = resolver.Resolve("m", plainKey, overriddenTenant)!;
        Assert.Equal(($"key:{key.Id}", "CUSTOM_RULE", GuardrailAction.Block), (fromKey.Name, fromKey.Rules.Single().Type, fromKey.Rules.Single().Action));
        Assert.Equal(($"tenant:{tenantId}", "DENY_TERM", GuardrailAction.Flag), (fromTenant.Name, fromTenant.Rules.Single().Type, fromTenant.Rules.Single().Action));
        Assert.Same(fromKey, resolver.Resolve("m", (await CachedAsync(secret, tenantId)).Key, overriddenTenant));

        var verdict = await _services.Get<GuardrailPipeline>().InspectAsync(fromTenant,
            new GuardrailInput(GuardrailDirection.Input, [new GuardrailSegment(0, null, "user", "a falcon")]) { Tenant = tenantId }, CancellationToken.None);
        Assert.Equal(GuardrailAction.Flag, verdict.Action);
    }
}
