using Gatehouse.Configuration;
using Gatehouse.Messaging;
using Gatehouse.Rollups;

namespace Gatehouse.Tests.Rollups;

public sealed class BurstAlertsTests
{
    private static readonly DateTimeOffset Window = new(2026, 11, 22, 14, 5, 0, TimeSpan.Zero);
    private static readonly AlertOptions Options = new()
    {
        BlockBurst = new AlertBurstOptions { Threshold = 5, Window = TimeSpan.FromMinutes(5) },
        FailoverStorm = new AlertBurstOptions { Threshold = 3, Window = TimeSpan.FromHours(1) },
    };

    [Theory]
    [InlineData(0, 4, false)]
    [InlineData(0, 5, true)]
    [InlineData(4, 1, true)]
    [InlineData(3, 10, true)]
    [InlineData(5, 1, false)] // already at the threshold: the transaction that got it there raised the alert
    [InlineData(9, 3, false)]
    public void Crossing_OnlyTheChangeThatReachesTheThreshold_RaisesAnAlert(long before, long delta, bool raised)
    {
        var change = new BurstChange("burst|block|k_1|202611221405", BurstKinds.Block, "k_1", Window, delta);

        Assert.Equal(raised, BurstAlerts.Crossing("acme", change, before, Options, Window) is not null);
    }

    [Fact]
    public void Crossing_BlockBurst_KeyScopedWithAnIdStablePerWindow()
    {
        var change = new BurstChange("burst|block|k_1|202611221405", BurstKinds.Block, "k_1", Window, 6);

        var alert = BurstAlerts.Crossing("acme", change, 0, Options, Window.AddMinutes(1))!;
        var again = BurstAlerts.Crossing("acme", change with { Delta = 5 }, 2, Options, Window.AddMinutes(3))!;

        Assert.Equal($"guardrail_block_burst:k_1:{Window.UtcTicks}", alert.Id);
        Assert.Equal(alert.Id, again.Id);
        Assert.Equal((AlertKinds.GuardrailBlockBurst, "key", "k_1", "k_1", "acme"), (alert.Kind, alert.Scope, alert.ScopeId, alert.KeyId, alert.Tenant));
        Assert.Equal(("5m", Window, 6), (alert.Period, alert.PeriodStart, alert.Count));
        Assert.Contains("6 guardrail blocks", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crossing_FailoverStorm_ModelScoped_IdNamesTheTenant()
    {
        var change = new BurstChange("burst|failover|gpt-4o|202611221400", BurstKinds.Failover, "gpt-4o", Window.AddMinutes(-5), 3);

        var alert = BurstAlerts.Crossing("acme", change, 0, Options, Window)!;

        Assert.Equal($"failover_storm:acme/gpt-4o:{Window.AddMinutes(-5).UtcTicks}", alert.Id);
        Assert.Equal((AlertKinds.FailoverStorm, "model", "gpt-4o", "1h"), (alert.Kind, alert.Scope, alert.ScopeId, alert.Period));
        Assert.Null(alert.KeyId);
    }
}
