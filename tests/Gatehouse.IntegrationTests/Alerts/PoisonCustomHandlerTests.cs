using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Configuration;
using Gatehouse.IntegrationTests.Hosting;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.IntegrationTests.Messaging;
using Gatehouse.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gatehouse.IntegrationTests.Alerts;

/// <summary>
/// Under the Functions host the host moves a message to the poison queue itself; the handler knows a delivery is the
/// last from the payload's DequeueCount and <c>Gatehouse:Workers:MaxDequeueCount</c>, and raises the alert first.
/// </summary>
public sealed class PoisonCustomHandlerTests(CustomHandlerFixture fixture) : IClassFixture<CustomHandlerFixture>
{
    private int MaxDequeueCount => fixture.App.Services.GetRequiredService<IOptions<GatehouseOptions>>().Value.Workers.MaxDequeueCount;

    private static StringContent Payload(JsonNode message, string id, int dequeueCount) => new(new JsonObject
    {
        ["Data"] = new JsonObject { ["msg"] = message },
        ["Metadata"] = new JsonObject { ["DequeueCount"] = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Id"] = $"\"{id}\"" },
    }.ToJsonString(), Encoding.UTF8, "application/json");

    [Fact]
    public void HostJson_MaxDequeueCount_EqualsTheWorkersDefault()
    {
        // The handler can only tell the last delivery if both hosts count to the same number.
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(TestStorage.RepoRoot, "host.json")))!;

        Assert.Equal(new WorkerOptions().MaxDequeueCount, host["extensions"]!["queues"]!["maxDequeueCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task AuditLogWriter_LastDeliveryFails_Answers500AndRaisesThePoisonAlert()
    {
        var id = Guid.NewGuid().ToString();
        using var client = fixture.App.CreateClient(bearer: null);

        var early = await client.PostAsync("/AuditLogWriter", Payload(JsonValue.Create("not an audit message"), id, MaxDequeueCount - 1));
        var last = await client.PostAsync("/AuditLogWriter", Payload(JsonValue.Create("not an audit message"), id, MaxDequeueCount));

        Assert.Equal(HttpStatusCode.InternalServerError, early.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, last.StatusCode);

        // The alert went to the alerts queue. The host would trigger Alerts with it; here some test gateway's poller may
        // take it first, or this test hands it to the custom handler as the host would.
        var alertId = $"poison:{QueueNames.AuditEvents}:{id}";
        var inbox = new QueueInbox(QueueNames.Alerts, $"\"{alertId}\"");
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            await inbox.ReadAsync();
            foreach (var message in inbox.Mine)
            {
                (await client.PostAsync("/Alerts", Payload(JsonNode.Parse(message.Text)!, Guid.NewGuid().ToString(), 1))).EnsureSuccessStatusCode();
            }

            return await AlertRows.ByIdAsync(alertId) is not null;
        }, TimeSpan.FromSeconds(30)));
        Assert.True(inbox.Mine.Count <= 1, "one alert for the last delivery only");
        var row = (await AlertRows.ByIdAsync(alertId))!;
        Assert.Equal("poison_message", row.GetString("Kind"));
        Assert.Equal(MaxDequeueCount, row.GetInt32("Count"));
    }

    [Fact]
    public async Task Alerts_LastDeliveryFails_RecordsThePoisonAlertDirectly_NotThroughItsOwnQueue()
    {
        var id = Guid.NewGuid().ToString();
        using var client = fixture.App.CreateClient(bearer: null);

        var response = await client.PostAsync("/Alerts", Payload(JsonValue.Create("{\"id\": 42}"), id, MaxDequeueCount));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var row = await AlertRows.ByIdAsync($"poison:{QueueNames.Alerts}:{id}"); // written before the answer
        Assert.NotNull(row);
        Assert.Equal(QueueNames.Alerts, row!.GetString("ScopeId"));
    }

    [Fact]
    public async Task Alerts_HostPayload_RecordsTheAlertOnce()
    {
        var alert = new AlertMessage
        {
            Id = $"model:acme:gpt-4o:storm:{Guid.NewGuid():N}",
            Kind = AlertKinds.FailoverStorm,
            Time = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero),
            Scope = "model",
            ScopeId = $"acme/gpt-4o/{Guid.NewGuid():N}",
            Tenant = "acme",
            Count = 12,
            Period = "5m",
            Message = "gpt-4o failed over 12 times in 5 minutes.",
        };
        var text = JsonSerializer.Serialize(alert, MessageJson.Options);
        using var client = fixture.App.CreateClient(bearer: null);

        var first = await client.PostAsync("/Alerts", Payload(JsonValue.Create(JsonSerializer.Serialize(text)), Guid.NewGuid().ToString(), 1));
        var again = await client.PostAsync("/Alerts", Payload(JsonNode.Parse(text)!, Guid.NewGuid().ToString(), 1));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var row = Assert.Single(await AlertRows.ByScopeIdAsync(alert.ScopeId));
        Assert.Equal(alert.Id, row.GetString("Id"));
        Assert.Equal("20261122", row.PartitionKey);
    }
}
