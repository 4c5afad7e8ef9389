using System.Text.Json;
using Azure.Storage.Queues;
using Gatehouse.Audit;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Messaging;
using Microsoft.Extensions.Logging;

namespace Gatehouse.IntegrationTests.Messaging;

/// <summary>
/// The audit publisher, built by the real DI, reading back what it sends to <c>audit-events</c>. Every gateway app's
/// poller consumes that queue, and two tests here take the queue away, so the class runs alone.
/// </summary>
[Collection(StorageOutage.Name)]
public sealed class AuditPublisherTests
{
    /// <summary>QueueSender's "send failed, retrying".</summary>
    private const int SendFailedEventId = 9001;

    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(60);
    private readonly string _marker = $"audit-test-{Guid.NewGuid():N}";

    [Fact]
    public async Task TryPublish_250Events_EachArrivesOnceInFewerMessages()
    {
        await using var core = await CoreServices.StartAsync(TimeProvider.System);
        var publisher = core.Get<AuditPublisher>();
        await publisher.StartAsync(CancellationToken.None);
        var sent = Enumerable.Range(0, 250).Select(Event).ToList();

        Assert.All(sent, auditEvent => Assert.True(publisher.TryPublish(auditEvent)));

        var inbox = new QueueInbox(QueueNames.AuditEvents, _marker);
        Assert.True(await inbox.ReadUntilAsync(mine => EventsIn(mine).Count >= sent.Count));
        await inbox.ReadAsync(); // anything sent twice would still be there
        await publisher.StopAsync(CancellationToken.None);

        Assert.Equal(Ids(sent), Ids(EventsIn(inbox.Mine)));
        Assert.InRange(inbox.Mine.Count, 3, sent.Count / 10);
        Assert.All(inbox.Mine, message => Assert.InRange(message.Raw.Length, 1, AuditPublisher.MaxMessageBytes));
        Assert.Equal(0, publisher.Dropped);
    }

    [Fact]
    public async Task TryPublish_QueueMissing_EventsWaitInTheJournalAndArriveWhenItReturns()
    {
        var journal = TestJournal.NewRoot();
        await using var core = await CoreServices.StartAsync(TimeProvider.System, new Dictionary<string, string?> { [TestJournal.PathSetting] = journal });
        var logs = new RecordingLoggerProvider();
        core.Get<ILoggerFactory>().AddProvider(logs);
        var publisher = core.Get<AuditPublisher>();
        await publisher.StartAsync(CancellationToken.None);
        var sent = Enumerable.Range(0, 50).Select(Event).ToList();
        var queue = new QueueClient(TestStorage.ConnectionString, QueueNames.AuditEvents);
        try
        {
            await queue.DeleteIfExistsAsync();
            Assert.All(sent, auditEvent => Assert.True(publisher.TryPublish(auditEvent)));

            Assert.True(await Eventually.TrueAsync(() => logs.Events.Any(e => e.Id == SendFailedEventId)), "no failed send was logged");
            Assert.True(await Eventually.TrueAsync(() => JournalFiles.Holding(journal, Ids(sent)).Count == sent.Count), "the events were not journaled");
        }
        finally
        {
            await queue.CreateIfNotExistsAsync();
        }

        var inbox = new QueueInbox(QueueNames.AuditEvents, _marker);
        Assert.True(await inbox.ReadUntilAsync(mine => EventsIn(mine).Count >= sent.Count, TimeSpan.FromSeconds(60)));
        await inbox.ReadAsync();
        Assert.True(await Eventually.TrueAsync(() => publisher.JournalBytes == 0), "sent batches should leave the journal");
        await publisher.StopAsync(CancellationToken.None);
        Assert.Equal(Ids(sent), Ids(EventsIn(inbox.Mine)));
    }

    [Fact]
    public async Task StopAsync_QueueUnreachable_LeavesEventsJournaledForTheNextStartToSend()
    {
        var journal = TestJournal.NewRoot();
        var sent = Enumerable.Range(0, 20).Select(Event).ToList();
        await using (var down = await CoreServices.StartAsync(TimeProvider.System, new Dictionary<string, string?>
        {
            ["Gatehouse:Storage:ConnectionString"] = StorageEndpoints.WithRefusedQueues(),
            ["Gatehouse:Storage:CreateIfMissing"] = "false",
            [TestJournal.PathSetting] = journal,
        }))
        {
            var publisher = down.Get<AuditPublisher>();
            await publisher.StartAsync(CancellationToken.None);
            Assert.All(sent, auditEvent => Assert.True(publisher.TryPublish(auditEvent)));
            Assert.True(await Eventually.TrueAsync(() => JournalFiles.Holding(journal, Ids(sent)).Count == sent.Count), "the events were not journaled");

            using var bound = new CancellationTokenSource(StopBound);
            await publisher.StopAsync(bound.Token);
        }

        Assert.Equal(sent.Count, JournalFiles.Holding(journal, Ids(sent)).Count);
        await using var up = await CoreServices.StartAsync(TimeProvider.System, new Dictionary<string, string?> { [TestJournal.PathSetting] = journal });
        var successor = up.Get<AuditPublisher>();
        await successor.StartAsync(CancellationToken.None);

        var inbox = new QueueInbox(QueueNames.AuditEvents, _marker);
        Assert.True(await inbox.ReadUntilAsync(mine => EventsIn(mine).Count >= sent.Count, TimeSpan.FromSeconds(60)));
        await inbox.ReadAsync();
        await successor.StopAsync(CancellationToken.None);
        Assert.Equal(Ids(sent), Ids(EventsIn(inbox.Mine)));
        Assert.Empty(JournalFiles.Holding(journal, Ids(sent)));
    }

    [Fact]
    public async Task StartAsync_JournalLeftForAnotherStorageAccount_IsNotSentHere()
    {
        var journal = TestJournal.NewRoot();
        var theirs = Enumerable.Range(0, 5).Select(Event).ToList();

        // Another deployment's gateway on this machine, same journal path, its own (unreachable) storage account.
        await using (var other = await CoreServices.StartAsync(TimeProvider.System, new Dictionary<string, string?>
        {
            ["Gatehouse:Storage:ConnectionString"] = StorageEndpoints.WithRefusedQueues("otheraccount"),
            ["Gatehouse:Storage:CreateIfMissing"] = "false",
            [TestJournal.PathSetting] = journal,
        }))
        {
            var publisher = other.Get<AuditPublisher>();
            await publisher.StartAsync(CancellationToken.None);
            Assert.All(theirs, auditEvent => Assert.True(publisher.TryPublish(auditEvent)));
            Assert.True(await Eventually.TrueAsync(() => JournalFiles.Holding(journal, Ids(theirs)).Count == theirs.Count), "the events were not journaled");
            using var bound = new CancellationTokenSource(StopBound);
            await publisher.StopAsync(bound.Token);
        }

        await using var mine = await CoreServices.StartAsync(TimeProvider.System, new Dictionary<string, string?> { [TestJournal.PathSetting] = journal });
        var successor = mine.Get<AuditPublisher>();
        await successor.StartAsync(CancellationToken.None);
        var own = Event(99);
        Assert.True(successor.TryPublish(own));

        var inbox = new QueueInbox(QueueNames.AuditEvents, _marker);
        Assert.True(await inbox.ReadUntilAsync(mine => EventsIn(mine).Any(e => e.RequestId == own.RequestId), TimeSpan.FromSeconds(60)));
        await successor.StopAsync(CancellationToken.None);
        await inbox.ReadAsync();
        Assert.Equal([own.RequestId], Ids(EventsIn(inbox.Mine)));
        Assert.Equal(theirs.Count, JournalFiles.Holding(journal, Ids(theirs)).Count);
    }

    private AuditEvent Event(int i) => new()
    {
        RequestId = $"{_marker}-{i}",
        Time = TimeProvider.System.GetUtcNow(),
        Route = "POST /v1/chat/completions",
        Tenant = "contoso",
        KeyId = "k_0123456789",
        Model = "gpt-4o-mini",
        Status = 200,
        LatencyMs = 12.5 + i,
        PromptTokens = 100 + i,
        CompletionTokens = 20,
    };

    private static List<AuditEvent> EventsIn(IEnumerable<ReceivedText> messages) =>
        messages.SelectMany(m => JsonSerializer.Deserialize<AuditMessage>(m.Text, MessageJson.Options)!.Events!).ToList();

    private static List<string> Ids(IEnumerable<AuditEvent> events) => events.Select(e => e.RequestId).Order(StringComparer.Ordinal).ToList();
}
