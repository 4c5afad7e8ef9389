using Azure.Data.Tables;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Limits;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.IntegrationTests.Limits;

/// <summary>
/// Concurrency limits on real storage: several limiters (each its own "gateway instance") share one Azurite and one
/// fake clock, so renewals and claim expiry are driven by advancing time, never by sleeping.
/// </summary>
[Collection(StorageOutage.Name)]
public sealed class ConcurrencyLimiterTests : IAsyncLifetime
{
    private static readonly TimeSpan RenewInterval = new ConcurrencyOptions().RenewInterval;
    private static readonly TimeSpan ClaimTtl = new ConcurrencyOptions().ClaimTtl;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2031, 5, 6, 7, 8, 30, TimeSpan.Zero));
    private readonly List<CoreServices> _instances = [];
    private readonly List<ConcurrencyRenewer> _renewers = [];

    private static TableClient Slots => new(TestStorage.ConnectionString, TableNames.ConcurrencySlots);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var renewer in _renewers)
        {
            await renewer.StopAsync(CancellationToken.None);
        }

        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }

    [Fact]
    public async Task Acquire_ThreeInstancesLimit4_HoldAtMost4_AndFreedSlotsComeBack()
    {
        var instances = new[] { await StartAsync(), await StartAsync(), await StartAsync() };
        var limiters = instances.Select(i => i.Get<ConcurrencyLimiter>()).ToArray();
        var check = Key(limit: 4);

        var burst = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => limiters[i % 3].AcquireAsync([check], CancellationToken.None).AsTask()));

        Assert.Equal(4, burst.Count(a => a.Admitted));
        Assert.All(burst.Where(a => !a.Admitted), a => Assert.Equal(check, a.Refused));
        Assert.Equal(4, (await ClaimsAsync(check)).Total);
        foreach (var limiter in limiters)
        {
            var fifth = await limiter.AcquireAsync([check], CancellationToken.None);
            Assert.Equal(check, fifth.Refused);
            Assert.False(fifth.StorageUnavailable);
        }

        // A slot freed on an instance is reused there at once; another instance gets it only after the holder's renewal.
        var holder = Enumerable.Range(0, 3).First(i => limiters[i].Slots(check.ScopeId).InUse > 0);
        var other = (holder + 1) % 3;
        burst.Where((a, i) => a.Admitted && i % 3 == holder).First().Dispose();
        var reused = await limiters[holder].AcquireAsync([check], CancellationToken.None);
        Assert.True(reused.Admitted);
        reused.Dispose();
        Assert.False((await limiters[other].AcquireAsync([check], CancellationToken.None)).Admitted);

        foreach (var instance in instances)
        {
            await StartRenewerAsync(instance);
        }

        _time.Advance(RenewInterval);
        Assert.True(await Eventually.TrueAsync(async () => (await ClaimsAsync(check)).Total == 3), "the holder's renewal did not shrink its claim");
        Assert.True((await limiters[other].AcquireAsync([check], CancellationToken.None)).Admitted);
        Assert.Equal(4, limiters.Sum(l => l.Slots(check.ScopeId).InUse));
        Assert.Equal(check, (await limiters[holder].AcquireAsync([check], CancellationToken.None)).Refused);
    }

    [Fact]
    public async Task Acquire_WithinWhatIsClaimed_TouchesNoStorage()
    {
        var limiter = (await StartAsync()).Get<ConcurrencyLimiter>();
        var check = Key(limit: 4);
        foreach (var warm in await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => limiter.AcquireAsync([check], CancellationToken.None).AsTask())))
        {
            Assert.True(warm.Admitted);
            warm.Dispose();
        }

        using var storage = new LimitStorageCounts(); // this collection runs alone, so every call counted is ours
        for (var round = 0; round < 50; round++)
        {
            var admissions = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => limiter.AcquireAsync([check], CancellationToken.None).AsTask()));
            Assert.All(admissions, a => Assert.True(a.Admitted));
            Array.ForEach(admissions, a => a.Dispose());
        }

        Assert.Equal("", storage.ToString());
    }

    [Fact]
    public async Task Acquire_KeyAndUserChecks_UserFull_RefusedByUserAndKeySlotGivenBack()
    {
        var instance = await StartAsync();
        var limiter = instance.Get<ConcurrencyLimiter>();
        var key = Key(limit: 10);
        var user = new ConcurrencyCheck("user", "user:" + Guid.NewGuid().ToString("N"), 1);

        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => limiter.AcquireAsync([key, user], CancellationToken.None).AsTask()));

        Assert.Single(both, a => a.Admitted);
        Assert.Equal("user", both.Single(a => !a.Admitted).Refused!.Scope);
        Assert.Equal(1, limiter.Slots(key.ScopeId).InUse);
        await instance.Get<ConcurrencyRenewer>().RenewOnceAsync(CancellationToken.None);
        Assert.Equal(1, (await ClaimsAsync(key)).Total); // the refused request's key slot is not held anywhere
        Assert.Equal(1, (await ClaimsAsync(user)).Total);
    }

    [Fact]
    public async Task Acquire_InstanceDiesHoldingSlots_SlotsComeBackAfterClaimTtl()
    {
        var check = Key(limit: 2);
        var dead = await CoreServices.StartAsync(_time);
        var deadId = dead.Get<ConcurrencySlotStore>().InstanceId;
        Assert.True((await dead.Get<ConcurrencyLimiter>().AcquireAsync([check], CancellationToken.None)).Admitted);
        Assert.True((await dead.Get<ConcurrencyLimiter>().AcquireAsync([check], CancellationToken.None)).Admitted);
        await dead.DisposeAsync(); // never releases, never renews
        var alive = (await StartAsync()).Get<ConcurrencyLimiter>();

        Assert.Equal(check, (await alive.AcquireAsync([check], CancellationToken.None)).Refused);
        _time.Advance(ClaimTtl - TimeSpan.FromSeconds(1));
        Assert.Equal(check, (await alive.AcquireAsync([check], CancellationToken.None)).Refused);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await alive.AcquireAsync([check], CancellationToken.None)).Admitted);
        Assert.True((await alive.AcquireAsync([check], CancellationToken.None)).Admitted);
        Assert.Equal(check, (await alive.AcquireAsync([check], CancellationToken.None)).Refused);
        Assert.Null((await ClaimsAsync(check)).Of(deadId));
    }

    [Theory]
    [InlineData(LimiterFailurePolicy.FailOpenLocal)]
    [InlineData(LimiterFailurePolicy.FailClosed)]
    public async Task Acquire_StorageUnreachable_FollowsThePolicy_ThenRecovers(LimiterFailurePolicy policy)
    {
        var instance = await StartAsync(new Dictionary<string, string?>
        {
            ["Gatehouse:Limits:WhenStorageFails"] = policy.ToString(),
            ["Gatehouse:Limits:RetryStorageAfter"] = "00:00:01",
        });
        var limiter = instance.Get<ConcurrencyLimiter>();
        var check = Key(limit: 2);
        var during = new List<ConcurrencyAdmission>();

        await Slots.DeleteAsync();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                during.Add(await limiter.AcquireAsync([check], CancellationToken.None));
            }
        }
        finally
        {
            await Slots.CreateIfNotExistsAsync();
        }

        if (policy == LimiterFailurePolicy.FailOpenLocal)
        {
            // This instance alone enforces the limit.
            Assert.True(during[0].Admitted && during[1].Admitted);
            Assert.Equal(check, during[2].Refused);
            Assert.False(during[2].StorageUnavailable);
        }
        else
        {
            Assert.All(during, a => Assert.True(a is { Admitted: false, StorageUnavailable: true, Refused: null }));
        }

        // Storage is back, but the instance keeps to its policy until RetryStorageAfter has passed.
        var early = await limiter.AcquireAsync([check], CancellationToken.None);
        Assert.Equal(policy == LimiterFailurePolicy.FailClosed, early.StorageUnavailable);
        Assert.False(early.Admitted);

        _time.Advance(TimeSpan.FromSeconds(1));
        if (policy == LimiterFailurePolicy.FailOpenLocal)
        {
            // The slots admitted during the outage are claimed now, so the scope is full until one is released.
            Assert.Equal(check, (await limiter.AcquireAsync([check], CancellationToken.None)).Refused);
            Assert.Equal(2, (await ClaimsAsync(check)).Total);
            during[0].Dispose();
        }

        Assert.True((await limiter.AcquireAsync([check], CancellationToken.None)).Admitted);
    }

    [Fact]
    public async Task Dispose_Twice_ReleasesOnce()
    {
        var limiter = (await StartAsync()).Get<ConcurrencyLimiter>();
        var check = Key(limit: 2);
        var first = await limiter.AcquireAsync([check], CancellationToken.None);
        Assert.True((await limiter.AcquireAsync([check], CancellationToken.None)).Admitted);

        first.Dispose();
        Parallel.For(0, 8, _ => first.Dispose());

        Assert.True((await limiter.AcquireAsync([check], CancellationToken.None)).Admitted);
        Assert.Equal(check, (await limiter.AcquireAsync([check], CancellationToken.None)).Refused);
        Assert.Equal(2, limiter.Slots(check.ScopeId).InUse);
    }

    [Fact]
    public async Task Renew_NothingInUse_RemovesTheClaimAndTheRow_ThenForgetsTheScope()
    {
        var instance = await StartAsync();
        var limiter = instance.Get<ConcurrencyLimiter>();
        var check = Key(limit: 3);
        var admission = await limiter.AcquireAsync([check], CancellationToken.None);
        await instance.Get<ConcurrencyRenewer>().RenewOnceAsync(CancellationToken.None);
        Assert.Equal(1, (await ClaimsAsync(check)).Total);

        admission.Dispose();
        await instance.Get<ConcurrencyRenewer>().RenewOnceAsync(CancellationToken.None);

        Assert.False((await Slots.GetEntityIfExistsAsync<ConcurrencySlotsEntity>(check.ScopeId, ConcurrencySlotsEntity.SlotsRowKey)).HasValue);
        await instance.Get<ConcurrencyRenewer>().RenewOnceAsync(CancellationToken.None);
        Assert.Equal((0, 0), limiter.Slots(check.ScopeId));
        Assert.True((await limiter.AcquireAsync([check], CancellationToken.None)).Admitted); // a forgotten scope starts afresh
    }

    [Fact]
    public async Task Options_ClaimTtlNotAboveRenewInterval_FailValidation()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gatehouse:Limits:Concurrency:RenewInterval"] = "00:00:30",
            ["Gatehouse:Limits:Concurrency:ClaimTtl"] = "00:00:30",
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => CoreServices.StartAsync(_time, settings));
        Assert.Contains(error.Failures, f => f.StartsWith("Gatehouse:Limits:Concurrency:ClaimTtl", StringComparison.Ordinal));
    }

    private static ConcurrencyCheck Key(long limit) => new("key", "key:" + Guid.NewGuid().ToString("N"), limit);

    private static async Task<SlotClaims> ClaimsAsync(ConcurrencyCheck check)
    {
        var row = await Slots.GetEntityIfExistsAsync<ConcurrencySlotsEntity>(check.ScopeId, ConcurrencySlotsEntity.SlotsRowKey);
        return SlotClaims.Parse(row.HasValue ? row.Value!.Claims : null);
    }

    private async Task<CoreServices> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var instance = await CoreServices.StartAsync(_time, settings);
        _instances.Add(instance);
        return instance;
    }

    private async Task StartRenewerAsync(CoreServices instance)
    {
        var renewer = instance.Get<ConcurrencyRenewer>();
        await renewer.StartAsync(CancellationToken.None);
        _renewers.Add(renewer);
    }
}
