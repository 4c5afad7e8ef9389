using System.Text.Json;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.IntegrationTests.Messaging;
using Gatehouse.Messaging;
using Gatehouse.Rollups;

namespace Gatehouse.IntegrationTests.Rollups;

/// <summary>Burst and storm counters: the batch that takes a window's count across the threshold sends one alert.</summary>
[Collection(QueueReaders.Name)]
public sealed class RollupAlertTests
{
    [Fact]
    public async Task ApplyAsync_BlocksAndFailoversCrossTheirThresholds_OneAlertEach()
    {
        await using var core = await CoreServices.StartAsync(TimeProvider.System, new Dictionary<string, string?>
        {
            ["Gatehouse:Alerts:BlockBurst:Threshold"] = "3",
            ["Gatehouse:Alerts:FailoverStorm:Threshold"] = "2",
            ["Gatehouse:Alerts:FailoverStorm:Window"] = "01:00:00",
        });
        var publisher = core.Get<AlertPublisher>();
        await publisher.StartAsync(CancellationToken.None);
        var store = core.Get<RollupStore>();
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        var keyId = $"k_{Guid.NewGuid():N}";
        var now = TimeProvider.System.GetUtcNow();
        UsageRecord Blocked() => RollupStoreTests.Record(tenant, 0m, 5) with { KeyId = keyId, Time = now, Blocked = true, ErrorCode = "guardrail_blocked", Status = 400 };
        UsageRecord FailedOver() => RollupStoreTests.Record(tenant, 0.01m, 900) with { KeyId = keyId, Time = now, Model = "storm", FailedOver = true };
        var below = new UsageMessage(Guid.NewGuid().ToString("N"), [Blocked(), Blocked(), FailedOver()]);
        var crossing = new UsageMessage(Guid.NewGuid().ToString("N"), [Blocked(), Blocked(), FailedOver(), FailedOver()]);
        var after = new UsageMessage(Guid.NewGuid().ToString("N"), [Blocked(), FailedOver()]);

        await store.ApplyAsync(below, CancellationToken.None);
        await store.ApplyAsync(crossing, CancellationToken.None);
        await store.ApplyAsync(crossing, CancellationToken.None); // redelivered: already counted, no second alert
        await store.ApplyAsync(after, CancellationToken.None);

        var inbox = new QueueInbox(QueueNames.Alerts, tenant);
        Assert.True(await inbox.ReadUntilAsync(mine => mine.Count >= 2));
        await Task.Delay(1500); // a second alert would have been sent by now
        await inbox.ReadAsync();
        await publisher.StopAsync(CancellationToken.None);

        var alerts = inbox.Mine.Select(m => JsonSerializer.Deserialize<AlertMessage>(m.Text, MessageJson.Options)!).ToList();
        Assert.Equal(2, alerts.Count);
        var burst = Assert.Single(alerts, a => a.Kind == AlertKinds.GuardrailBlockBurst);
        Assert.Equal(("key", keyId, tenant, 4, "5m"), (burst.Scope, burst.ScopeId, burst.Tenant, burst.Count, burst.Period));
        Assert.Equal(RollupPlan.WindowStart(now, TimeSpan.FromMinutes(5)), burst.PeriodStart);
        Assert.Equal($"{AlertKinds.GuardrailBlockBurst}:{keyId}:{burst.PeriodStart!.Value.UtcTicks}", burst.Id);
        var storm = Assert.Single(alerts, a => a.Kind == AlertKinds.FailoverStorm);
        Assert.Equal(("model", "storm", tenant, 3, "1h"), (storm.Scope, storm.ScopeId, storm.Tenant, storm.Count, storm.Period));
    }
}
