using Gatehouse.Configuration;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Limits;
using Gatehouse.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.IntegrationTests.Limits;

/// <summary>The limiter's windows on real storage with a fake clock: no sleeping, exact window edges.</summary>
public sealed class RateLimiterTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2031, 5, 6, 7, 8, 30, TimeSpan.Zero));
    private readonly ServiceProvider _services;

    public RateLimiterTests()
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

    private RateLimiter Limiter => _services.GetRequiredService<RateLimiter>();

    private static LimitCheck[] Rpm(string scope, long limit) => [new LimitCheck("key", $"key:{scope}", "rpm", LimitPeriod.Minute, limit, 1)];

    [Fact]
    public async Task Minute_SpentThenRefused_UntilTheNextMinute()
    {
        var scope = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await Limiter.AcquireAsync(Rpm(scope, 3), CancellationToken.None)).Admitted);
        }

        var refused = await Limiter.AcquireAsync(Rpm(scope, 3), CancellationToken.None);
        Assert.False(refused.Admitted);
        Assert.Equal(LimitWindow.At(LimitPeriod.Minute, _time.GetUtcNow()).End, refused.Refused!.Reset);

        _time.Advance(refused.Refused.Reset - _time.GetUtcNow() - TimeSpan.FromTicks(1));
        Assert.False((await Limiter.AcquireAsync(Rpm(scope, 3), CancellationToken.None)).Admitted);

        _time.Advance(TimeSpan.FromTicks(1));
        Assert.True((await Limiter.AcquireAsync(Rpm(scope, 3), CancellationToken.None)).Admitted);
    }

    [Fact]
    public async Task SeveralChecks_OneRefuses_NoneIsCharged()
    {
        var key = Guid.NewGuid().ToString("N");
        var user = Guid.NewGuid().ToString("N");
        LimitCheck[] both = [new("key", $"key:{key}", "rpm", LimitPeriod.Minute, 10, 1), new("user", $"user:{user}", "rpm", LimitPeriod.Minute, 1, 1)];

        Assert.True((await Limiter.AcquireAsync(both, CancellationToken.None)).Admitted);
        var refused = await Limiter.AcquireAsync(both, CancellationToken.None);

        Assert.Equal("user", refused.Refused!.Check.Scope);
        var keyState = (await Limiter.AcquireAsync(Rpm(key, 10), CancellationToken.None)).States.Single();
        Assert.Equal(8, keyState.Remaining); // 10 − the admitted request − this one; the refused request was given back
    }

    public async Task InitializeAsync()
    {
        foreach (var initializer in _services.GetServices<IHostedService>().OfType<StorageInitializer>())
        {
            await initializer.StartAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();
}
