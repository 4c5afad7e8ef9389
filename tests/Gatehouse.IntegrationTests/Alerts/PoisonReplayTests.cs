using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Gatehouse.IntegrationTests.Cli;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.TestDoubles.OpenAI;
using Gatehouse.TestDoubles.Webhooks;

namespace Gatehouse.IntegrationTests.Alerts;

/// <summary>
/// Poison handling in the standalone host, end to end: a message that fails every delivery goes to the poison queue,
/// raises a poison alert (record and webhook), and the CLI lists and replays it. Apart from other tests' gateways, so
/// that only this test's app takes the message and its alert (the app's webhook config is the one that counts).
/// </summary>
[Collection(StorageOutage.Name)]
public sealed class PoisonReplayTests : IAsyncLifetime
{
    private const string Queue = "audit-events";
    private readonly string _marker = $"poison-test-{Guid.NewGuid():N}";
    private FakeOpenAIServer _provider = null!;
    private FakeWebhookServer _hooks = null!;

    public async Task InitializeAsync()
    {
        _provider = await FakeOpenAIServer.StartAsync();
        _hooks = await FakeWebhookServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hooks.DisposeAsync();
        await _provider.DisposeAsync();
    }

    private GatewayApp App(bool poll) => new(_provider.BaseUrl, new Dictionary<string, string?>
    {
        ["Gatehouse:Workers:PollQueues"] = poll ? "true" : "false",
        ["Gatehouse:Workers:VisibilityTimeout"] = "00:00:01",
        ["Gatehouse:Workers:MaxDequeueCount"] = "2",
        ["Gatehouse:Alerts:Webhooks:ops:Url"] = _hooks.Url("/ops").ToString(),
        ["Gatehouse:Alerts:Delivery:BaseDelay"] = "00:00:00.010",
    });

    /// <summary>
    /// The ids of the messages on a queue whose text holds this test's marker. They are shown again at once (or deleted
    /// when <paramref name="take"/>); the others stay hidden for a second, which lets the scan page through them.
    /// </summary>
    private async Task<List<string>> FindAsync(string queueName, bool take = false)
    {
        var queue = new QueueClient(TestStorage.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var found = new List<string>();
        var seen = new HashSet<string>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value;
            if (batch.Length == 0 || !batch.All(m => seen.Add(m.MessageId)))
            {
                return found;
            }

            foreach (var mine in batch.Where(m => m.Body.ToString().Contains(_marker, StringComparison.Ordinal)))
            {
                found.Add(mine.MessageId);
                if (take)
                {
                    await queue.DeleteMessageAsync(mine.MessageId, mine.PopReceipt);
                }
                else
                {
                    await queue.UpdateMessageAsync(mine.MessageId, mine.PopReceipt, visibilityTimeout: TimeSpan.Zero);
                }
            }
        }
    }

    [Fact]
    public async Task FailingMessage_GoesToPoisonWithAlert_ThenCliListsAndReplaysIt()
    {
        var main = new QueueClient(TestStorage.ConnectionString, Queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        List<string> poisoned = [];
        string messageId;
        await using (var polling = App(poll: true))
        {
            messageId = (await main.SendMessageAsync($"not an audit message {_marker}")).Value.MessageId;
            Assert.True(await Eventually.TrueAsync(async () => (poisoned = await FindAsync($"{Queue}-poison")).Count == 1, TimeSpan.FromSeconds(60)), "the message should reach the poison queue");
            Assert.NotNull(await AlertRows.EventuallyAsync($"poison:{Queue}:{messageId}"));
            Assert.True(await Eventually.TrueAsync(() => _hooks.PostsTo("/ops").Any(p => p.Body.Contains(messageId, StringComparison.Ordinal)), TimeSpan.FromSeconds(30)));

            // The worker records the delivery after the webhook answered: wait for that before this app stops.
            Assert.True(
                await Eventually.TrueAsync(async () => (await AlertRows.ByIdAsync($"poison:{Queue}:{messageId}"))?.GetString("Deliveries")?.Contains("delivered_at", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30)),
                "the delivery to the webhook should be recorded on the alert");
        }

        var row = (await AlertRows.ByIdAsync($"poison:{Queue}:{messageId}"))!;
        var post = JsonNode.Parse(_hooks.PostsTo("/ops").First(p => p.Body.Contains(messageId, StringComparison.Ordinal)).Body)!;

        // The fix is in; an app that does not poll serves the admin API, so the replayed message stays where it lands.
        await using var admin = App(poll: false);
        var cli = new CliRunner(admin);
        var listed = await cli.RunAsync("queues", "poison", "--queue", Queue);
        var alerts = await cli.RunAsync("alerts", "list", "--days", "1");
        var replay = await cli.RunAsync("queues", "replay", "--queue", Queue, "--id", poisoned[0]);
        var leftInPoison = await FindAsync($"{Queue}-poison");
        var backOnQueue = await FindAsync(Queue, take: true);

        Assert.Equal("poison_message", row.GetString("Kind"));
        Assert.Equal("queue", row.GetString("Scope"));
        Assert.Equal(Queue, row.GetString("ScopeId"));
        Assert.Equal(messageId, row.GetString("MessageId"));
        Assert.DoesNotContain(_marker, row.GetString("Message"), StringComparison.Ordinal); // never the content
        Assert.Equal("poison_message", post["kind"]!.GetValue<string>());
        Assert.True(listed.Exit == 0, listed.Err);
        Assert.Contains($"{Queue}-poison: about", listed.Out, StringComparison.Ordinal);
        Assert.Contains(poisoned[0], listed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(_marker, listed.Out, StringComparison.Ordinal);
        Assert.True(alerts.Exit == 0, alerts.Err);
        Assert.Contains(messageId, alerts.Out, StringComparison.Ordinal);
        Assert.Contains("ops=delivered", alerts.Out, StringComparison.Ordinal);
        Assert.True(replay.Exit == 0, replay.Err);
        Assert.Contains($"Replayed 1 message(s) from {Queue}-poison to {Queue}.", replay.Out, StringComparison.Ordinal);
        Assert.Empty(leftInPoison);
        Assert.Single(backOnQueue);
    }
}
