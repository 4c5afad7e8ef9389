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

    private static VirtualKey Key(string id) => new(id, "acme", "app", ["*"], KeyStatus.Active, "gh_...abcd", DateTimeOffset.UnixEpoch, null);

    [Fact]
    public void TryGet_WithinTtl_ReturnsKey_AfterTtl_Misses()
    {
        var cache = Cache();
        cache.Set("h1", Key("key_a"));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(cache.TryGet("h1", out var hit));
        Assert.Equal("key_a", hit!.Id);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(cache.TryGet("h1", out _));
    }

    [Fact]
    public void NegativeEntry_ExpiresAfterNegativeTtl()
    {
        var cache = Cache();
        cache.Set("unknown", null);

        Assert.True(cache.TryGet("unknown", out var key));
        Assert.Null(key);
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.False(cache.TryGet("unknown", out _));
    }

    [Fact]
    public void Invalidate_RemovesEveryEntryOfThatKey()
    {
        var cache = Cache();
        cache.Set("h1", Key("key_a"));
        cache.Set("h2", Key("key_a"));
        cache.Set("h3", Key("key_b"));

        cache.Invalidate("key_a");

        Assert.False(cache.TryGet("h1", out _));
        Assert.False(cache.TryGet("h2", out _));
        Assert.True(cache.TryGet("h3", out _));
    }

    [Fact]
    public void Set_WhenFull_StartsOver_MemoryStaysBounded()
    {
        var cache = Cache(maxEntries: 100);
        for (var i = 0; i < 250; i++)
        {
            cache.Set($"bad{i}", null);
        }

        var remembered = Enumerable.Range(0, 250).Count(i => cache.TryGet($"bad{i}", out _));
        Assert.InRange(remembered, 1, 100);
    }
}
