using System.Text.Json;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.IntegrationTests.Messaging;

/// <summary>The usage publisher, built by the real DI, sending to the test Azurite's shared <c>usage-events</c> queue.</summary>
[Collection(QueueReaders.Name)]
public sealed class UsagePublisherTests
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(30);
    private readonly string _marker = $"usage-test-{Guid.NewGuid():N}";

    [Fact]
    public async Task AddGatehouseCore_Publishers_AreHostedSingletons()
    {
        await using var core = await CoreServices.StartAsync(TimeProvider.System);

        var hosted = core.Get<IEnumerable<IHostedService>>().ToList();

        Assert.Contains(core.Get<UsagePublisher>(), hosted);
        Assert.Contains(core.Get<AlertPublisher>(), hosted);
    }

    [Fact]
    public async Task TryPublish_250Records_EachArrivesOnceInBatchesUnderTheSizeLimit()
    {
        await using var core = await CoreServices.StartAsync(TimeProvider.System);
        var publisher = core.Get<UsagePublisher>();
        await publisher.StartAsync(CancellationToken.None);
        var sent = Enumerable.Range(0, 250).Select(i => Record(i)).ToList();

        Assert.All(sent, record => Assert.True(publisher.TryPublish(record)));

        var inbox = new QueueInbox(QueueNames.UsageEvents, _marker);
        Assert.True(await inbox.ReadUntilAsync(mine => RecordsIn(mine).Count >= sent.Count));
        await inbox.ReadAsync(); // anything sent twice would still be there
        await publisher.StopAsync(CancellationToken.None);

        Assert.Equal(Sorted(sent), Sorted(RecordsIn(inbox.Mine)));
        Assert.True(inbox.Mine.Count >= 3, $"{inbox.Mine.Count} messages");
        Assert.All(inbox.Mine, message => Assert.InRange(message.Raw.Length, 1, UsagePublisher.MaxMessageBytes));
        Assert.All(inbox.Mine, message => Assert.InRange(Decode(message).Records.Count, 1, UsagePublisher.MaxRecordsPerMessage));
        Assert.Equal(0, publisher.Dropped);
    }

    [Fact]
    public async Task TryPublish_RecordsTooLongForOneMessage_SplitUnderTheSizeLimit()
    {
        await using var core = await CoreServices.StartAsync(TimeProvider.System);
        var publisher = core.Get<UsagePublisher>();
        await publisher.StartAsync(CancellationToken.None);
        // A full batch of these is about 150 KB once base64-encoded: it has to go as several messages.
        var sent = Enumerable.Range(0, UsagePublisher.MaxRecordsPerMessage)
            .Select(i => Record(i) with { EndUser = new string('u', 1_000) + i }).ToList();

        Assert.All(sent, record => Assert.True(publisher.TryPublish(record)));

        var inbox = new QueueInbox(QueueNames.UsageEvents, _marker);
        Assert.True(await inbox.ReadUntilAsync(mine => RecordsIn(mine).Count >= sent.Count));
        await publisher.StopAsync(CancellationToken.None);

        Assert.Equal(Sorted(sent), Sorted(RecordsIn(inbox.Mine)));
        Assert.True(inbox.Mine.Count >= 3, $"{inbox.Mine.Count} messages");
        Assert.All(inbox.Mine, message => Assert.InRange(message.Raw.Length, 1, UsagePublisher.MaxMessageBytes));
    }

    [Fact]
    public async Task TryPublish_FewerThanABatch_SentTogetherWhenTheWindowCloses()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var core = await CoreServices.StartAsync(time);
        var publisher = core.Get<UsagePublisher>();
        await publisher.StartAsync(CancellationToken.None);
        var sent = Enumerable.Range(0, 3).Select(i => Record(i)).ToList();

        Assert.All(sent, record => Assert.True(publisher.TryPublish(record)));

        // Stepped, since the window's timer may be set after a step: the batch goes once the clock passes it.
        var inbox = new QueueInbox(QueueNames.UsageEvents, _marker);
        Assert.True(await inbox.ReadUntilAsync(mine =>
        {
            time.Advance(UsagePublisher.BatchWindow);
            return mine.Count > 0;
        }));
        await publisher.StopAsync(CancellationToken.None);

        Assert.Equal(Sorted(sent), Sorted(Decode(Assert.Single(inbox.Mine)).Records));
    }

    [Fact]
    public async Task StopAsync_RecordsStillBuffered_DrainsThemToTheQueue()
    {
        // The clock never moves, so the batch window never closes: only the drain can send these.
        await using var core = await CoreServices.StartAsync(new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        var publisher = core.Get<UsagePublisher>();
        var sent = Enumerable.Range(0, 30).Select(i => Record(i)).ToList();
        await publisher.StartAsync(CancellationToken.None);
        Assert.All(sent, record => Assert.True(publisher.TryPublish(record)));

        using var bound = new CancellationTokenSource(StopBound);
        await publisher.StopAsync(bound.Token);

        var inbox = new QueueInbox(QueueNames.UsageEvents, _marker);
        await inbox.ReadAsync();
        Assert.Equal(Sorted(sent), Sorted(RecordsIn(inbox.Mine)));
    }

    private UsageRecord Record(int i) => new()
    {
        RequestId = $"{_marker}-{i}",
        Time = new DateTimeOffset(2026, 11, 24, 9, 30, i % 60, TimeSpan.Zero),
        Tenant = "contoso",
        KeyId = "k_0123456789",
        EndUser = i % 2 == 0 ? $"user-{i}" : null,
        Model = "gpt-4o-mini",
        Deployment = "openai-east",
        ProviderModel = "gpt-4o-mini-2024-07-18",
        Stream = i % 3 == 0,
        Status = 200,
        PromptTokens = 100 + i,
        CachedPromptTokens = i % 10,
        CompletionTokens = 20 + i,
        CostUsd = i % 5 == 0 ? null : 0.000125m * i,
        UsageSource = i % 4 == 0 ? UsageSources.Counted : UsageSources.Provider,
    };

    private static UsageMessage Decode(ReceivedText message) =>
        JsonSerializer.Deserialize<UsageMessage>(message.Text, MessageJson.Options)!;

    private static List<UsageRecord> RecordsIn(IEnumerable<ReceivedText> messages) => messages.SelectMany(m => Decode(m).Records).ToList();

    private static List<UsageRecord> Sorted(IEnumerable<UsageRecord> records) => records.OrderBy(r => r.RequestId, StringComparer.Ordinal).ToList();
}
