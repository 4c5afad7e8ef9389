using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.IntegrationTests.Messaging;

namespace Gatehouse.IntegrationTests.Budgets;

/// <summary>
/// Every request that reached a route leaves one usage record on the <c>usage-events</c> queue for the rollups, with
/// its tokens and cost, or its error. Reads the raw queue, so nothing else may consume it meanwhile.
/// </summary>
[Collection(QueueReaders.Name)]
public sealed class UsageEventTests(UsageEventTests.Fixture fixture) : IClassFixture<UsageEventTests.Fixture>
{
    [Fact]
    public async Task ChatStreamAndFailure_EachLeaveOneRecord_WithTokensAndCostOrTheError()
    {
        var (keyId, secret, tenant) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);
        client.DefaultRequestHeaders.Add("x-gatehouse-user", "user-7");

        var json = await client.PostAsJsonAsync("/v1/chat/completions",
            new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "Say hello" } } });
        using var stream = await client.PostAsJsonAsync("/v1/chat/completions",
            new { model = "gpt-4o-mini", stream = true, messages = new[] { new { role = "user", content = "Say hello" } } });
        await SseEvents.ReadAllAsync(stream);
        var refused = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "no-such-model", messages = new[] { new { role = "user", content = "Say hello" } } });
        var failed = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "failing", messages = new[] { new { role = "user", content = "Say hello" } } });

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var inbox = new QueueInbox("usage-events", keyId);
        Assert.True(await inbox.ReadUntilAsync(mine => Records(mine, keyId).Count >= 3));
        await Task.Delay(1500); // a record for the refused request would be in the next batch
        await inbox.ReadAsync();

        var records = Records(inbox.Mine, keyId);
        Assert.Equal(3, records.Count);
        var byRequest = records.ToDictionary(r => r["request_id"]!.GetValue<string>());
        var fromJson = byRequest[json.Headers.GetValues("x-request-id").Single()];
        var usage = JsonNode.Parse(await json.Content.ReadAsStringAsync())!["usage"]!;
        Assert.Equal(tenant, fromJson["tenant"]!.GetValue<string>());
        Assert.Equal("user-7", fromJson["end_user"]!.GetValue<string>());
        Assert.Equal("gpt-4o-mini", fromJson["model"]!.GetValue<string>());
        Assert.Equal("gpt-4o-mini-2024-07-18", fromJson["provider_model"]!.GetValue<string>());
        Assert.Equal(usage["prompt_tokens"]!.GetValue<int>(), fromJson["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(usage["completion_tokens"]!.GetValue<int>(), fromJson["completion_tokens"]!.GetValue<int>());
        Assert.Equal(Pricing.Cost(usage), fromJson["cost_usd"]!.GetValue<decimal>());
        Assert.Equal(decimal.Parse(json.Headers.GetValues("x-gatehouse-cost-usd").Single(), CultureInfo.InvariantCulture), fromJson["cost_usd"]!.GetValue<decimal>());

        var fromStream = byRequest[stream.Headers.GetValues("x-request-id").Single()];
        Assert.True(fromStream["stream"]!.GetValue<bool>());
        Assert.Equal("provider", fromStream["usage_source"]!.GetValue<string>());
        Assert.True(fromStream["completion_tokens"]!.GetValue<int>() > 0);
        Assert.True(fromStream["latency_ms"]!.GetValue<double>() > 0);
        Assert.Null(fromStream["error_code"]);

        var fromFailure = byRequest[failed.Headers.GetValues("x-request-id").Single()];
        var error = JsonNode.Parse(await failed.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>();
        Assert.Equal(error, fromFailure["error_code"]!.GetValue<string>());
        Assert.Equal((int)failed.StatusCode, fromFailure["status"]!.GetValue<int>());
        Assert.Equal(0, fromFailure["prompt_tokens"]!.GetValue<int>());
        Assert.Null(fromFailure["cost_usd"]);
        Assert.False(fromFailure["blocked"]!.GetValue<bool>());
    }

    private static List<JsonNode> Records(IReadOnlyList<ReceivedText> messages, string keyId) =>
        [.. messages.SelectMany(m => JsonNode.Parse(m.Text)!["records"]!.AsArray()).Where(r => r!["key_id"]!.GetValue<string>() == keyId).Select(r => r!)];

    public sealed class Fixture : GatewayFixture
    {
        protected override IDictionary<string, string?> Settings => Pricing.For("gpt-4o-mini-2024-07-18").With("Gatehouse:Workers:PollQueues", "false");
    }
}
