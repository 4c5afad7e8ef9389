using System.Text.Json;
using Azure.Storage.Queues;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Messaging;
using Microsoft.Extensions.Logging;

namespace Gatehouse.IntegrationTests.Messaging;

/// <summary>
/// Publishing while the queue is gone: the publishers keep retrying, and what was published arrives once the queue is
/// back. Deletes shared queues, so it runs alone.
/// </summary>
[Collection(StorageOutage.Name)]
public sealed class QueueOutageTests
{
    /// <summary>QueueSender's "send failed, retrying".</summary>
    private const int SendFailedEventId = 9001;

    private readonly string _marker = $"outage-test-{Guid.NewGuid():N}";

    [Fact]
    public async Task UsagePublisher_QueueMissingThenRecreated_RecordsArrive()
    {
        await using var core = await CoreServices.StartAsync(TimeProvider.System);
        var logs = new RecordingLoggerProvider();
        core.Get<ILoggerFactory>().AddProvider(logs);
        var publisher = core.Get<UsagePublisher>();
        await publisher.StartAsync(CancellationToken.None);
        var sent = Enumerable.Range(0, 5).Select(i => new UsageRecord
        {
            RequestId = $"{_marker}-{i}",
            Time = TimeProvider.System.GetUtcNow(),
            Tenant = "contoso",
            KeyId = "k_0123456789",
            Model = "gpt-4o-mini",
            UsageSource = UsageSources.Provider,
        }).ToList();

        await WhileQueueMissingAsync(QueueNames.UsageEvents, logs, () => Assert.All(sent, record => Assert.True(publisher.TryPublish(record))));

        var inbox = new QueueInbox(QueueNames.UsageEvents, _marker);
        Assert.True(await inbox.ReadUntilAsync(mine => mine.Count > 0));
        await publisher.StopAsync(CancellationToken.None);
        var received = inbox.Mine.SelectMany(m => JsonSerializer.Deserialize<UsageMessage>(m.Text, MessageJson.Options)!.Records);
        Assert.Equal(sent.Select(r => r.RequestId).Order(), received.Select(r => r.RequestId).Order());
    }

    [Fact]
    public async Task AlertPublisher_QueueMissingThenRecreated_AlertArrives()
    {
        await using var core = await CoreServices.StartAsync(TimeProvider.System);
        var logs = new RecordingLoggerProvider();
        core.Get<ILoggerFactory>().AddProvider(logs);
        var publisher = core.Get<AlertPublisher>();
        await publisher.StartAsync(CancellationToken.None);
        var alert = AlertPublisherTests.Alert(_marker, 0);

        await WhileQueueMissingAsync(QueueNames.Alerts, logs, () => Assert.True(publisher.TryPublish(alert)));

        var inbox = new QueueInbox(QueueNames.Alerts, _marker);
        Assert.True(await inbox.ReadUntilAsync(mine => mine.Count > 0));
        await publisher.StopAsync(CancellationToken.None);
        Assert.Contains(alert.Id, Assert.Single(inbox.Mine).Text, StringComparison.Ordinal);
    }

    /// <summary>Deletes the queue, publishes, waits until a send has failed, then puts the queue back (always).</summary>
    private static async Task WhileQueueMissingAsync(string queueName, RecordingLoggerProvider logs, Action publish)
    {
        var queue = new QueueClient(TestStorage.ConnectionString, queueName);
        try
        {
            await queue.DeleteIfExistsAsync();
            publish();
            Assert.True(await Eventually.TrueAsync(() => logs.Events.Any(e => e.Id == SendFailedEventId)), "no failed send was logged");
        }
        finally
        {
            await queue.CreateIfNotExistsAsync();
        }
    }
}
