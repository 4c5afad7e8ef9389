using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Keys;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.IntegrationTests.Keys;

/// <summary>
/// The resolver against real storage with a fake clock: a known key costs no storage read until half its cache life,
/// is then refreshed in the background while requests go on, and never outlives Keys:CacheTtl.
/// </summary>
public sealed class KeyResolverTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private CoreServices _services = null!;

    public async Task InitializeAsync() => _services = await CoreServices.StartAsync(_time);

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private KeyStore Store => _services.Get<KeyStore>();

    private KeyResolver Resolver => _services.Get<KeyResolver>();

    [Fact]
    public async Task CachedKey_RefreshedAhead_SeesAnotherInstancesRevocationBeforeTheTtl()
    {
        var (key, secret) = await Store.CreateAsync(new KeySpec("acme", "app", ["*"], "test"), CancellationToken.None);
        Assert.True((await Resolver.ResolveAsync(secret, CancellationToken.None))!.IsUsableAt(_time.GetUtcNow()));

        // Another instance revokes it: this one does not know yet.
        await Store.RevokeAsync(key.Id, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(14));
        Assert.True((await Resolver.ResolveAsync(secret, CancellationToken.None))!.IsUsableAt(_time.GetUtcNow()));

        // Past half the TTL the request is still answered from memory, and a refresh starts behind it.
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True((await Resolver.ResolveAsync(secret, CancellationToken.None))!.IsUsableAt(_time.GetUtcNow()));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        KeyMatch? refreshed;
        do
        {
            await Task.Delay(50);
            refreshed = await Resolver.ResolveAsync(secret, CancellationToken.None);
        }
        while (refreshed!.Key.Status != KeyStatus.Revoked && DateTime.UtcNow < deadline);

        Assert.Equal(KeyStatus.Revoked, refreshed.Key.Status);
        Assert.True(_time.GetUtcNow() < key.CreatedAt + TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task UnknownSecret_IsRememberedBriefly()
    {
        var unknown = KeySecret.NewSecret();
        Assert.Null(await Resolver.ResolveAsync(unknown, CancellationToken.None));

        // Even if the secret became valid now (it cannot, but storage is not asked again), the negative entry answers.
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(_services.Get<KeyCache>().TryGet(_services.Get<KeyHasher>().Hash(unknown), out var cached, out _));
        Assert.Null(cached);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_services.Get<KeyCache>().TryGet(_services.Get<KeyHasher>().Hash(unknown), out _, out _));
    }

    [Fact]
    public async Task MalformedSecret_NeverReachesStorage()
    {
        Assert.Null(await Resolver.ResolveAsync("sk-not-a-gatehouse-key", CancellationToken.None));
        Assert.Null(await Resolver.ResolveAsync("gh_short", CancellationToken.None));
    }
}
