using System.Text.Json.Nodes;
using Gatehouse.Alerts;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Messaging;
using Gatehouse.TestDoubles.Webhooks;
using Gatehouse.Workers;

namespace Gatehouse.IntegrationTests.Alerts;

/// <summary>
/// The alerts worker's handler on the test Azurite, posting to a fake webhook: one record per alert id, one post per
/// webhook however often the alert is delivered, retries within a delivery, and redelivery for what still failed.
/// </summary>
public sealed class AlertDeliveryTests : IAsyncLifetime
{
    private FakeWebhookServer _hooks = null!;

    public async Task InitializeAsync() => _hooks = await FakeWebhookServer.StartAsync();

    public async Task DisposeAsync() => await _hooks.DisposeAsync();

    /// <summary>Webhooks <c>ops</c> (generic) and <c>chat</c> (Slack), plus <c>poison-only</c> that takes poison alerts only.</summary>
    private Task<CoreServices> StartAsync(string maxDelay = "00:00:02") => CoreServices.StartAsync(TimeProvider.System, new Dictionary<string, string?>
    {
        ["Gatehouse:Alerts:Webhooks:ops:Url"] = _hooks.Url("/ops").ToString(),
        ["Gatehouse:Alerts:Webhooks:chat:Url"] = _hooks.Url("/chat").ToString(),
        ["Gatehouse:Alerts:Webhooks:chat:Format"] = "Slack",
        ["Gatehouse:Alerts:Webhooks:poison-only:Url"] = _hooks.Url("/poison").ToString(),
        ["Gatehouse:Alerts:Webhooks:poison-only:Kinds:0"] = AlertKinds.PoisonMessage,
        ["Gatehouse:Alerts:Delivery:MaxAttempts"] = "3",
        ["Gatehouse:Alerts:Delivery:BaseDelay"] = "00:00:00.010",
        ["Gatehouse:Alerts:Delivery:MaxDelay"] = maxDelay,
    });

    private static AlertMessage Alert() => new()
    {
        Id = $"key:key_test:burst:{Guid.NewGuid():N}",
        Kind = AlertKinds.GuardrailBlockBurst,
        Time = TimeProvider.System.GetUtcNow(),
        Scope = "key",
        ScopeId = $"key:{Guid.NewGuid():N}",
        Tenant = "acme",
        Period = "5m",
        PeriodStart = TimeProvider.System.GetUtcNow().AddMinutes(-1),
        Count = 20,
        Message = "Key key_test had 20 guardrail blocks in 5 minutes.",
    };

    private static QueueMessageContext Delivery(int count) => new(FunctionNames.Alerts, Guid.NewGuid().ToString(), count, null);

    private static JsonObject Deliveries(Azure.Data.Tables.TableEntity row) => JsonNode.Parse(row.GetString("Deliveries"))!.AsObject();

    [Fact]
    public async Task Handle_SameAlertDeliveredTwice_OneRecordAndOnePostPerMatchingWebhook()
    {
        await using var core = await StartAsync();
        var function = new AlertFunction(core.Get<AlertDispatcher>());
        var alert = Alert();

        await function.HandleAsync(alert, Delivery(1), CancellationToken.None);
        await function.HandleAsync(alert, Delivery(2), CancellationToken.None);

        Assert.Single(await AlertRows.ByScopeIdAsync(alert.ScopeId));
        var ops = Assert.Single(_hooks.PostsTo("/ops"));
        var chat = Assert.Single(_hooks.PostsTo("/chat"));
        Assert.Empty(_hooks.PostsTo("/poison")); // filtered to poison alerts
        Assert.Equal("application/json; charset=utf-8", ops.ContentType);
        Assert.Equal(alert.Id, JsonNode.Parse(ops.Body)!["id"]!.GetValue<string>());
        Assert.NotNull(JsonNode.Parse(chat.Body)!["blocks"]);
        var row = (await AlertRows.ByIdAsync(alert.Id))!;
        Assert.Equal(["chat", "ops"], Deliveries(row).Select(d => d.Key).Order());
        Assert.All(Deliveries(row), d => Assert.NotNull(d.Value!["delivered_at"]));
        Assert.Equal(20, row.GetInt32("Count"));
    }

    [Fact]
    public async Task Handle_WebhookFailsTwiceThenSucceeds_DeliveredOnceAndRecordMarked()
    {
        await using var core = await StartAsync();
        var dispatcher = core.Get<AlertDispatcher>();
        var alert = Alert() with { Kind = AlertKinds.PoisonMessage };
        _hooks.FailNext(2); // the first two posts, whichever webhooks they go to

        var failed = await dispatcher.DispatchAsync(alert, null, CancellationToken.None);

        Assert.Empty(failed);
        var posts = _hooks.Posts.Where(p => p.Body.Contains(alert.Id, StringComparison.Ordinal)).ToList();
        Assert.Equal(5, posts.Count); // 3 webhooks, 2 failures retried
        Assert.All(new[] { "/ops", "/chat", "/poison" }, path => Assert.Single(posts, p => p.Path == path && p.Accepted));
        var states = Deliveries((await AlertRows.ByIdAsync(alert.Id))!);
        Assert.Equal(5, states.Sum(s => s.Value!["attempts"]!.GetValue<int>()));
        Assert.All(states, s => Assert.Equal(200, s.Value!["status"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Handle_WebhookDownBeyondRetries_Throws_RedeliveryDeliversAndSkipsTheOneAlreadyDelivered()
    {
        await using var core = await StartAsync();
        var function = new AlertFunction(core.Get<AlertDispatcher>());
        var alert = Alert();
        _hooks.Down = true;

        var thrown = await Assert.ThrowsAsync<AlertNotDeliveredException>(() => function.HandleAsync(alert, Delivery(1), CancellationToken.None));
        var whileDown = Deliveries((await AlertRows.ByIdAsync(alert.Id))!);
        _hooks.Down = false;
        _hooks.FailNext(5); // 6 attempts in the next delivery: exactly one of the two webhooks gets through
        await Assert.ThrowsAsync<AlertNotDeliveredException>(() => function.HandleAsync(alert, Delivery(2), CancellationToken.None));
        var afterSecond = Deliveries((await AlertRows.ByIdAsync(alert.Id))!);
        var postsAfterSecond = _hooks.Posts.Count;
        await function.HandleAsync(alert, Delivery(3), CancellationToken.None);
        await function.HandleAsync(alert, Delivery(4), CancellationToken.None);

        Assert.Contains("ops", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("chat", thrown.Message, StringComparison.Ordinal);
        Assert.Null(whileDown["ops"]!["delivered_at"]);
        Assert.Equal("HTTP 500", whileDown["ops"]!["error"]!.GetValue<string>());
        Assert.Equal(3, whileDown["ops"]!["attempts"]!.GetValue<int>());
        Assert.Single(afterSecond, s => s.Value!["delivered_at"] is not null);
        Assert.Equal(postsAfterSecond + 1, _hooks.Posts.Count); // the third delivery posts only to the one still missing it
        Assert.Single(_hooks.PostsTo("/ops"), p => p.Accepted);
        Assert.Single(_hooks.PostsTo("/chat"), p => p.Accepted);
        var states = Deliveries((await AlertRows.ByIdAsync(alert.Id))!);
        Assert.All(states, s => Assert.NotNull(s.Value!["delivered_at"]));
        Assert.Equal(_hooks.Posts.Count, states.Sum(s => s.Value!["attempts"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Send_429WithRetryAfter_IsWaitedOut_UnlessLongerThanMaxDelay()
    {
        await using (var patient = await StartAsync(maxDelay: "00:00:02"))
        {
            var alert = Alert();
            _hooks.FailNext(1, status: 429, retryAfter: TimeSpan.FromSeconds(1));

            Assert.Empty(await patient.Get<AlertDispatcher>().DispatchAsync(alert, null, CancellationToken.None));
            Assert.Equal(3, _hooks.Posts.Count); // ops and chat, one of them twice
        }

        _hooks.FailNext(1, status: 503, retryAfter: TimeSpan.FromSeconds(5));
        await using var hurried = await StartAsync(maxDelay: "00:00:01");
        var failed = await hurried.Get<AlertDispatcher>().DispatchAsync(Alert(), null, CancellationToken.None);

        // Retry-After beyond MaxDelay: no more attempts in this delivery; the queue brings the alert back later.
        var refused = Assert.Single(failed);
        Assert.Equal(1, refused.Attempts);
        Assert.Equal(503, refused.Status);
    }
}
