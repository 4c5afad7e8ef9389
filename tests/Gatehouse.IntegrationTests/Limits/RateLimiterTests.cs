using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Limits;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.IntegrationTests.Limits;

/// <summary>The limiter's windows on real storage with a fake clock: no sleeping, exact window edges.</summary>
public sealed class RateLimiterTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2031, 5, 6, 7, 8, 30, TimeSpan.Zero));
    private CoreServices _services = null!;

    public async Task InitializeAsync() => _services = await CoreServices.StartAsync(_time);

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private RateLimiter Limiter => _services.Get<RateLimiter>();

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
}
