using System.Text.Json;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Messaging;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.IntegrationTests.Messaging;

/// <summary>
/// The alert publisher, built by the real DI, sending to the test Azurite's shared <c>alerts</c> queue. Apart from other
/// tests' gateways, whose alerts workers would take the messages before the test reads them.
/// </summary>
[Collection(StorageOutage.Name)]
public sealed class AlertPublisherTests
{
    private readonly string _marker = $"alert-test-{Guid.NewGuid():N}";

    [Fact]
    public async Task TryPublish_ThreeAlerts_EachArrivesAsItsOwnMessage()
    {
        await using var core = await CoreServices.StartAsync(TimeProvider.System);
        var publisher = core.Get<AlertPublisher>();
        await publisher.StartAsync(CancellationToken.None);
        var sent = Enumerable.Range(0, 3).Select(i => Alert(_marker, i)).ToList();

        Assert.All(sent, alert => Assert.True(publisher.TryPublish(alert)));

        var inbox = new QueueInbox(QueueNames.Alerts, _marker);
        Assert.True(await inbox.ReadUntilAsync(mine => mine.Count >= sent.Count));
        await inbox.ReadAsync(); // anything sent twice would still be there
        await publisher.StopAsync(CancellationToken.None);

        Assert.Equal(sent.OrderBy(a => a.Id), inbox.Mine.Select(Decode).OrderBy(a => a.Id));
        Assert.Equal(0, publisher.Dropped);
    }

    [Fact]
    public async Task StopAsync_QueueUnreachable_LeavesAlertsJournaledForTheNextStartToSend()
    {
        var journal = TestJournal.NewRoot();
        var sent = Enumerable.Range(0, 5).Select(i => Alert(_marker, i)).ToList();
        await using (var down = await CoreServices.StartAsync(TimeProvider.System, new Dictionary<string, string?>
        {
            ["Gatehouse:Storage:ConnectionString"] = StorageEndpoints.WithRefusedQueues(),
            ["Gatehouse:Storage:CreateIfMissing"] = "false",
            [TestJournal.PathSetting] = journal,
        }))
        {
            var publisher = down.Get<AlertPublisher>();
            await publisher.StartAsync(CancellationToken.None);
            Assert.All(sent, alert => Assert.True(publisher.TryPublish(alert)));
            Assert.True(await Eventually.TrueAsync(() => JournalFiles.Holding(journal, sent.Select(a => a.Id)).Count == sent.Count), "the alerts were not journaled");

            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await publisher.StopAsync(bound.Token);
        }

        await using var up = await CoreServices.StartAsync(TimeProvider.System, new Dictionary<string, string?> { [TestJournal.PathSetting] = journal });
        var successor = up.Get<AlertPublisher>();
        await successor.StartAsync(CancellationToken.None);

        var inbox = new QueueInbox(QueueNames.Alerts, _marker);
        Assert.True(await inbox.ReadUntilAsync(mine => mine.Count >= sent.Count, TimeSpan.FromSeconds(60)));
        await inbox.ReadAsync();
        await successor.StopAsync(CancellationToken.None);
        Assert.Equal(sent.OrderBy(a => a.Id), inbox.Mine.Select(Decode).OrderBy(a => a.Id));
        Assert.Empty(JournalFiles.Holding(journal, sent.Select(a => a.Id)));
    }

    [Fact]
    public async Task StopAsync_AlertsStillBuffered_DrainsThemToTheQueue()
    {
        await using var core = await CoreServices.StartAsync(new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        var publisher = core.Get<AlertPublisher>();
        var sent = Enumerable.Range(0, 50).Select(i => Alert(_marker, i)).ToList();
        Assert.All(sent, alert => Assert.True(publisher.TryPublish(alert)));

        // Stopped right after starting, with every alert still in memory.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await publisher.StartAsync(CancellationToken.None);
        await publisher.StopAsync(bound.Token);

        var inbox = new QueueInbox(QueueNames.Alerts, _marker);
        await inbox.ReadAsync();
        Assert.Equal(sent.OrderBy(a => a.Id), inbox.Mine.Select(Decode).OrderBy(a => a.Id));
    }

    /// <summary>A budget alert whose id starts with <paramref name="marker"/>.</summary>
    internal static AlertMessage Alert(string marker, int i) => new()
    {
        Id = $"{marker}-{i}",
        Kind = AlertKinds.BudgetThreshold,
        Time = new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero).AddMinutes(i),
        Scope = "key",
        ScopeId = "k_0123456789",
        Tenant = "contoso",
        KeyId = "k_0123456789",
        ThresholdPercent = 80,
        BudgetUsd = 50m,
        SpentUsd = 40.25m + i,
        Period = "month",
        PeriodStart = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
        Message = $"Key k_0123456789 has spent 80% of its monthly budget of $50 (alert {i}).",
    };

    private static AlertMessage Decode(ReceivedText message) =>
        JsonSerializer.Deserialize<AlertMessage>(message.Text, MessageJson.Options)!;
}
