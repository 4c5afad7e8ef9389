using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.IntegrationTests.Messaging;

namespace Gatehouse.IntegrationTests.Budgets;

/// <summary>
/// Threshold crossings send one alert each per budget and period to the <c>alerts</c> queue, although two instances
/// spend the budget and both see every crossing. The queue is read as sent, so the test runs with no alerts worker
/// anywhere (its instances do not poll, and it runs apart from other tests' gateways, which would).
/// </summary>
[Collection(StorageOutage.Name)]
public sealed class BudgetAlertTests : IAsyncLifetime
{
    private const decimal Budget = 0.004m;
    private GatewayPair _pair = null!;

    public async Task InitializeAsync() => _pair = await GatewayPair.StartAsync(Pricing.For("gpt-4o-mini-2024-07-18")
        .With("Gatehouse:Budgets:Key:Usd", Budget.ToString(CultureInfo.InvariantCulture))
        .With("Gatehouse:Budgets:Key:Period", "Day")
        .With("Gatehouse:Budgets:FlushInterval", "00:00:00.100")
        .With("Gatehouse:Workers:PollQueues", "false"));

    public async Task DisposeAsync() => await _pair.DisposeAsync();

    [Fact]
    public async Task EachThreshold_IsAlertedOnce_AcrossInstances()
    {
        var (keyId, secret, tenant) = await _pair.A.CreateKeyAsync();
        using var a = _pair.A.CreateClient(secret);
        using var b = _pair.B.CreateClient(secret);
        var chat = new { model = "gpt-4o-mini", max_tokens = 20, messages = new[] { new { role = "user", content = "Say hello" } } };

        // Spend the budget from both instances, pausing so that both report (and see) each crossing as it happens.
        for (var i = 0; i < 100; i++)
        {
            var response = await (i % 2 == 0 ? a : b).PostAsJsonAsync("/v1/chat/completions", chat);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Task.Delay(60);
        }

        var inbox = new QueueInbox("alerts", $"\"key:{keyId}\"");
        Assert.True(await inbox.ReadUntilAsync(mine => mine.Count >= 3), "alerts for 50, 80 and 100 %");
        await Task.Delay(1000); // room for a duplicate to show up, were there one
        await inbox.ReadAsync();

        var alerts = inbox.Mine.Select(m => JsonNode.Parse(m.Text)!).ToList();
        Assert.Equal([50, 80, 100], alerts.Select(alert => alert["threshold_percent"]!.GetValue<int>()).Order());
        Assert.All(alerts, alert =>
        {
            Assert.Equal("budget_threshold", alert["kind"]!.GetValue<string>());
            Assert.Equal("key", alert["scope"]!.GetValue<string>());
            Assert.Equal(keyId, alert["key_id"]!.GetValue<string>());
            Assert.Equal(tenant, alert["tenant"]!.GetValue<string>());
            Assert.Equal(Budget, alert["budget_usd"]!.GetValue<decimal>());
            Assert.Equal("day", alert["period"]!.GetValue<string>());
        });
        var fifty = alerts.Single(alert => alert["threshold_percent"]!.GetValue<int>() == 50);
        Assert.InRange(fifty["spent_usd"]!.GetValue<decimal>(), Budget / 2, Budget);
    }
}
