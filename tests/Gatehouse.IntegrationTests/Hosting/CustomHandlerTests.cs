using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Hosting;

/// <summary>The app as the Functions host runs it: queue functions are invoked by POSTing the host's payload.</summary>
public sealed class CustomHandlerFixture : GatewayFixture
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Gatehouse:HostingMode"] = "CustomHandler" };
}

public sealed class CustomHandlerTests(CustomHandlerFixture fixture) : IClassFixture<CustomHandlerFixture>
{
    /// <summary>An <c>audit-events</c> message as the publisher sends it: a batch holding one event.</summary>
    private static string AuditEventJson(string requestId, string tenant) => JsonSerializer.Serialize(new
    {
        id = $"batch-{requestId}",
        events = new[] { AuditEvent(requestId, tenant) },
    });

    private static object AuditEvent(string requestId, string tenant) => new
    {
        request_id = requestId,
        time = "2026-11-22T10:15:00+00:00",
        route = "POST /v1/chat/completions",
        tenant,
        key_id = "key_abcdefghijklmnopqrst",
        model = "gpt-4o-mini",
        status = 200,
        latency_ms = 12.5,
        prompt_tokens = 9,
        completion_tokens = 3,
    };

    private static StringContent Payload(JsonNode message, string id = "0f8fad5b-d9cb-469f-a165-70867728950e") => new(new JsonObject
    {
        ["Data"] = new JsonObject { ["msg"] = message },
        ["Metadata"] = new JsonObject
        {
            ["DequeueCount"] = "1",
            ["ExpirationTime"] = "2026-11-29T10:15:00+00:00",
            ["Id"] = $"\"{id}\"",
            ["InsertionTime"] = "2026-11-22T10:15:01+00:00",
            ["NextVisibleTime"] = "2026-11-22T10:25:01+00:00",
            ["PopReceipt"] = "\"AgAAAAMAAAAAAAAA\"",
            ["sys"] = new JsonObject { ["MethodName"] = "AuditLogWriter", ["UtcNow"] = "2026-11-22T10:15:02Z", ["RandGuid"] = Guid.NewGuid().ToString() },
        },
    }.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<TableEntity?> AuditRowAsync(string tenant, string requestId)
    {
        var row = await new TableClient(TestStorage.ConnectionString, "AuditLog").GetEntityIfExistsAsync<TableEntity>($"{tenant}_20261122", requestId);
        return row.HasValue ? row.Value : null;
    }

    [Fact]
    public async Task AuditLogWriter_HostPayloadWithDoubleEncodedString_WritesRowAndAnswersInHostShape()
    {
        var requestId = $"req-{Guid.NewGuid():N}";
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        using var client = fixture.App.CreateClient(bearer: null);

        // What the host sends for a string trigger value: the message text JSON-encoded once more.
        var response = await client.PostAsync("/AuditLogWriter", Payload(JsonValue.Create(JsonSerializer.Serialize(AuditEventJson(requestId, tenant)))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], reply.Select(p => p.Key));
        Assert.NotEmpty(reply["Logs"]!.AsArray());
        var row = await AuditRowAsync(tenant, requestId);
        Assert.NotNull(row);
        Assert.Equal(9, row!.GetInt32("PromptTokens"));
    }

    [Fact]
    public async Task AuditLogWriter_PlainStringAndObjectForms_AreAccepted_RedeliveryIsHarmless()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        var first = $"req-{Guid.NewGuid():N}";
        var second = $"req-{Guid.NewGuid():N}";
        using var client = fixture.App.CreateClient(bearer: null);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/AuditLogWriter", Payload(JsonValue.Create(AuditEventJson(first, tenant))))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/AuditLogWriter", Payload(JsonNode.Parse(AuditEventJson(second, tenant))!))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/AuditLogWriter", Payload(JsonNode.Parse(AuditEventJson(second, tenant))!))).StatusCode);

        Assert.NotNull(await AuditRowAsync(tenant, first));
        Assert.NotNull(await AuditRowAsync(tenant, second));
        var rows = new TableClient(TestStorage.ConnectionString, "AuditLog").QueryAsync<TableEntity>(e => e.PartitionKey == $"{tenant}_20261122" && e.RowKey != "~head");
        Assert.Equal(2, await rows.CountAsync());
    }

    [Fact]
    public async Task AuditLogWriter_UnreadableMessage_FailsTheInvocation()
    {
        using var client = fixture.App.CreateClient(bearer: null);

        var notJson = await client.PostAsync("/AuditLogWriter", Payload(JsonValue.Create("this is not an audit event")));
        var noData = await client.PostAsync("/AuditLogWriter", new StringContent("{\"Metadata\":{}}", Encoding.UTF8, "application/json"));

        // Non-2xx makes the host fail the invocation: the message is retried and then poisoned, never lost.
        Assert.Equal(HttpStatusCode.InternalServerError, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noData.StatusCode);
        Assert.True(JsonNode.Parse(await notJson.Content.ReadAsStringAsync())!["Logs"]!.AsArray().Count > 0);
    }

    [Fact]
    public async Task ProxiedHttpRoutes_WorkUnchanged_InCustomHandlerMode()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        var response = await client.PostAsync("/v1/chat/completions", new StringContent(
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class StandaloneHostingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task InvocationRoutes_AreNotExposed_InStandaloneMode()
    {
        using var client = fixture.App.CreateClient(bearer: null);

        var response = await client.PostAsync("/AuditLogWriter", new StringContent("{\"Data\":{\"msg\":\"{}\"}}", Encoding.UTF8, "application/json"));

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.NotFound, "unknown_url");
    }

    [Fact]
    public async Task EveryProxiedRequest_EndsUpInTheAuditLog_ThroughTheQueueAndThePoller()
    {
        var (keyId, secret, tenant) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"audit me\"}]}", Encoding.UTF8, "application/json"),
        };
        var requestId = $"audit-{Guid.NewGuid():N}";
        request.Headers.Add("x-request-id", requestId);
        (await client.SendAsync(request)).EnsureSuccessStatusCode();

        var table = new TableClient(TestStorage.ConnectionString, "AuditLog");
        TableEntity? row = null;
        for (var i = 0; i < 150 && row is null; i++)
        {
            await foreach (var found in table.QueryAsync<TableEntity>(e => e.RowKey == requestId))
            {
                row = found;
            }

            await Task.Delay(100);
        }

        Assert.NotNull(row);
        Assert.StartsWith($"{tenant}_", row!.PartitionKey, StringComparison.Ordinal);
        Assert.Equal(keyId, row.GetString("KeyId"));
        Assert.Equal(200, row.GetInt32("Status"));
        Assert.True(row.GetInt32("CompletionTokens") > 0);
    }
}
