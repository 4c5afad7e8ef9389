using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.TestDoubles.OpenAI;
using Gatehouse.Tokens;

namespace Gatehouse.IntegrationTests.Budgets;

/// <summary>
/// A provider that never reports usage (as some OpenAI-compatible servers ignore <c>include_usage</c>): the gateway
/// counts the prompt and the text it relayed, and prices that. No budget applies here, so an unpriced model passes.
/// </summary>
public sealed class CountedUsageTests : IAsyncLifetime
{
    private FakeOpenAIServer _provider = null!;
    private GatewayApp _app = null!;

    public async Task InitializeAsync()
    {
        _provider = await FakeOpenAIServer.StartAsync(new FakeOpenAIOptions { NeverSendUsage = true });
        _app = new GatewayApp(_provider.BaseUrl, Pricing.For("gpt-4o-mini-2024-07-18")
            .With("Gatehouse:Models:unpriced:Deployments:0:Provider", "fake")
            .With("Gatehouse:Models:unpriced:Deployments:0:Model", "mystery-model"));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Stream_WithoutUsage_IsCountedFromTheRelayedText()
    {
        var (_, secret, tenant) = await _app.CreateKeyAsync();

        using var response = await _app.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions",
            new { model = "gpt-4o-mini", stream = true, messages = new[] { new { role = "user", content = "Count me in" } } });

        var events = await SseEvents.ReadAllAsync(response);
        var counter = new StreamedTokenCounter("gpt-4o-mini-2024-07-18");
        foreach (var data in events[..^1])
        {
            counter.Add(System.Text.Encoding.UTF8.GetBytes(data));
        }

        var row = await AuditRows.WaitForAsync(tenant, response.Headers.GetValues("x-request-id").Single());
        Assert.Equal("counted", row.GetString("UsageSource"));
        Assert.True(counter.CompletionTokens > 0);
        Assert.Equal(counter.CompletionTokens, row.GetInt32("CompletionTokens"));
        var prompt = row.GetInt32("PromptTokens")!.Value;
        Assert.InRange(prompt, 5, 20); // the gateway's count of one short message with its framing
        Assert.Equal(Pricing.Cost(prompt, counter.CompletionTokens), decimal.Parse(row.GetString("CostUsd"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Json_WithoutUsage_IsCountedFromTheAnswer_AndPriced()
    {
        var (_, secret, _) = await _app.CreateKeyAsync();

        var response = await _app.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions",
            new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "Count me in" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Null(body["usage"]);
        var completion = TokenEstimator.CountCompletion(body.AsObject(), "gpt-4o-mini-2024-07-18");
        var cost = decimal.Parse(response.Headers.GetValues("x-gatehouse-cost-usd").Single(), CultureInfo.InvariantCulture);
        Assert.True(cost > Pricing.Cost(0, completion), "the counted prompt is priced too");
        Assert.True(cost < Pricing.Cost(20, completion));
    }

    [Fact]
    public async Task UnpricedModel_WithoutABudget_IsServed_WithoutACost()
    {
        var (_, secret, tenant) = await _app.CreateKeyAsync();

        var response = await _app.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions",
            new { model = "unpriced", messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("x-gatehouse-cost-usd"));
        var row = await AuditRows.WaitForAsync(tenant, response.Headers.GetValues("x-request-id").Single());
        Assert.Null(row.GetString("CostUsd"));
        Assert.Equal("counted", row.GetString("UsageSource"));
    }
}
