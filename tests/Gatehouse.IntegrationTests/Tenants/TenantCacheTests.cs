using Gatehouse.Budgets;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Limits;
using Gatehouse.Tenants;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.IntegrationTests.Tenants;

/// <summary>
/// The tenant cache against real storage with a fake clock: a change made elsewhere is seen within the TTL, and from
/// half the TTL on requests are answered from memory while one background read refreshes the entry.
/// </summary>
public sealed class TenantCacheTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private CoreServices _services = null!;

    public async Task InitializeAsync() => _services = await CoreServices.StartAsync(_time);

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Change_IsRefreshedAhead_WhileRequestsAreServedFromMemory()
    {
        var store = _services.Get<TenantStore>();
        var cache = _services.Get<TenantCache>();
        var id = AdminApi.NewTenantId();
        await store.TryCreateAsync(id, "Acme", RateLimits.None, null, CancellationToken.None);
        Assert.Null((await cache.GetAsync(id, CancellationToken.None))!.Budget);

        // Another instance sets a budget: this one does not know yet.
        await store.UpdateAsync(id, tenant => tenant with { Budget = new Budget(5, BudgetPeriod.Day) }, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(14));
        Assert.Null((await cache.GetAsync(id, CancellationToken.None))!.Budget);

        // Past half the TTL (30 s) the answer is still the cached one, given at once, and a refresh starts behind it.
        _time.Advance(TimeSpan.FromSeconds(2));
        var served = cache.GetAsync(id, CancellationToken.None);
        Assert.True(served.IsCompletedSuccessfully, "answered from memory, not after a storage read");
        Assert.Null((await served)!.Budget);

        Assert.True(await Eventually.TrueAsync(async () => (await cache.GetAsync(id, CancellationToken.None))!.Budget is not null),
            "the refreshed tenant replaces the cached one before the TTL");
        Assert.Equal(new Budget(5, BudgetPeriod.Day), (await cache.GetAsync(id, CancellationToken.None))!.Budget);
    }
}
