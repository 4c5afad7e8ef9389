using Gatehouse.Configuration;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Keys;
using Gatehouse.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.IntegrationTests.Keys;

/// <summary>
/// The resolver against real storage with a fake clock: a known key costs no storage read until half its cache life,
/// is then refreshed in the background while requests go on, and never outlives Keys:CacheTtl.
/// </summary>
public sealed class KeyResolverTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ServiceProvider _services;

    public KeyResolverTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gatehouse:Storage:ConnectionString"] = TestStorage.ConnectionString,
            ["Gatehouse:Keys:Pepper"] = "test-pepper-0123456789abcdefghijklmnopqrstuv",
            ["Gatehouse:Providers:fake:Type"] = "openai-compatible",
            ["Gatehouse:Providers:fake:BaseUrl"] = "http://127.0.0.1:9/",
            ["Gatehouse:Models:m:Deployments:0:Provider"] = "fake",
            ["Gatehouse:Models:m:Deployments:0:Model"] = "m",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_time).AddSingleton<IConfiguration>(configuration);
        services.AddGatehouseCore(configuration);
        _services = services.BuildServiceProvider();
    }

    private KeyStore Store => _services.GetRequiredService<KeyStore>();

    private KeyResolver Resolver => _services.GetRequiredService<KeyResolver>();

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
        Assert.True(_services.GetRequiredService<KeyCache>().TryGet(_services.GetRequiredService<KeyHasher>().Hash(unknown), out var cached, out _));
        Assert.Null(cached);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_services.GetRequiredService<KeyCache>().TryGet(_services.GetRequiredService<KeyHasher>().Hash(unknown), out _, out _));
    }

    [Fact]
    public async Task MalformedSecret_NeverReachesStorage()
    {
        Assert.Null(await Resolver.ResolveAsync("sk-not-a-gatehouse-key", CancellationToken.None));
        Assert.Null(await Resolver.ResolveAsync("gh_short", CancellationToken.None));
    }

    /// <summary>Creates the tables, as the host's start-up would.</summary>
    public async Task InitializeAsync()
    {
        foreach (var initializer in _services.GetServices<IHostedService>().OfType<StorageInitializer>())
        {
            await initializer.StartAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();
}
