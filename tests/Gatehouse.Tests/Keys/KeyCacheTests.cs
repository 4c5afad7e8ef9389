using Gatehouse.Configuration;
using Gatehouse.Keys;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.Tests.Keys;

public sealed class KeyCacheTests
{
    private readonly FakeTimeProvider _time = new();

    private KeyCache Cache(int maxEntries = 1000) => new(
        Options.Create(new GatehouseOptions
        {
            Keys = new KeyOptions { CacheTtl = TimeSpan.FromSeconds(30), NegativeCacheTtl = TimeSpan.FromSeconds(5), CacheMaxEntries = maxEntries },
        }),
        _time);

    private static KeyMatch Match(string id) => new(
        new VirtualKey { Id = id, Tenant = "acme", Name = "app", Models = ["*"], Status = KeyStatus.Active, Hint = "gh_...abcd" }, null);

    [Fact]
    public void TryGet_WithinTtl_ReturnsKey_AfterTtl_Misses()
    {
        var cache = Cache();
        cache.Set("h1", Match("key_a"), _time.GetUtcNow());

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(cache.TryGet("h1", out var hit, out _));
        Assert.Equal("key_a", hit!.Key.Id);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet("h1", out _, out _));
    }

    [Fact]
    public void TryGet_PastHalfTtl_AsksForRefresh_BeforeItNot()
    {
        var cache = Cache();
        cache.Set("h1", Match("key_a"), _time.GetUtcNow());

        _time.Advance(TimeSpan.FromSeconds(14));
        Assert.True(cache.TryGet("h1", out _, out var early));
        Assert.False(early);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(cache.TryGet("h1", out _, out var due));
        Assert.True(due);
    }

    [Fact]
    public void Set_TtlCountsFromLoadStart_NotFromWhenTheAnswerArrived()
    {
        // A slow storage read must not stretch the revocation bound: the entry is as old as the read it came from.
        var cache = Cache();
        var loadedAt = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(10));
        cache.Set("h1", Match("key_a"), loadedAt);

        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(cache.TryGet("h1", out _, out _));
    }

    [Fact]
    public void NegativeEntry_LivesShorter_AndNeverAsksForRefresh()
    {
        var cache = Cache();
        cache.Set("bad", null, _time.GetUtcNow());

        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(cache.TryGet("bad", out var hit, out var due));
        Assert.Null(hit);
        Assert.False(due);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet("bad", out _, out _));
    }

    [Fact]
    public void Invalidate_DropsEveryEntryOfThatKeyOnly()
    {
        var cache = Cache();
        cache.Set("old-secret", Match("key_a"), _time.GetUtcNow());
        cache.Set("new-secret", Match("key_a"), _time.GetUtcNow());
        cache.Set("other", Match("key_b"), _time.GetUtcNow());

        cache.Invalidate("key_a");

        Assert.False(cache.TryGet("old-secret", out _, out _));
        Assert.False(cache.TryGet("new-secret", out _, out _));
        Assert.True(cache.TryGet("other", out _, out _));
    }

    [Fact]
    public void Set_WhenFull_StartsOver_SoAFloodCannotGrowMemory()
    {
        var cache = Cache(maxEntries: 100);
        for (var i = 0; i < 250; i++)
        {
            cache.Set($"random-{i}", null, _time.GetUtcNow());
        }

        var live = Enumerable.Range(0, 250).Count(i => cache.TryGet($"random-{i}", out _, out _));
        Assert.InRange(live, 1, 100);
    }
}
