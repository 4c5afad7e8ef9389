using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Budgets;

/// <summary>
/// Cost per request and a key budget on one gateway: the cost header from the provider's usage at the configured
/// price, the worst-case reservation, and the 429 once the budget cannot cover another request.
/// </summary>
public sealed class BudgetTests(BudgetTests.Fixture fixture) : IClassFixture<BudgetTests.Fixture>
{
    private const string Budget = "0.002";

    /// <summary>More than the gateway counts for the "Say hello" chat prompt (about 10 tokens with framing).</summary>
    private const int PromptTokensAtMost = 16;

    private static object Chat(int maxTokens, bool stream = false) =>
        new { model = "gpt-4o-mini", stream, max_tokens = maxTokens, messages = new[] { new { role = "user", content = "Say hello" } } };

    private static decimal CostHeader(HttpResponseMessage response) =>
        decimal.Parse(response.Headers.GetValues("x-gatehouse-cost-usd").Single(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Json_CostHeader_IsTheReportedUsageAtThePrice_AndReachesTheAudit()
    {
        var (keyId, secret, tenant) = await fixture.App.CreateKeyAsync();

        var response = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions", Chat(50));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["usage"]!;
        var expected = Pricing.Cost(usage);
        Assert.Equal(expected, CostHeader(response));
        var row = await AuditRows.WaitForAsync(tenant, response.Headers.GetValues("x-request-id").Single());
        Assert.Equal(expected, decimal.Parse(row.GetString("CostUsd"), CultureInfo.InvariantCulture));
        Assert.Equal("provider", row.GetString("UsageSource"));
        Assert.True(await Eventually.TrueAsync(async () => await BudgetCounterRows.SpentAsync($"key:{keyId}") == expected),
            "the settled cost reaches the key's budget counter");
    }

    [Fact]
    public async Task SpentBudget_Returns429BudgetExceeded_NamingTheBudgetAndItsReset()
    {
        var (keyId, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        var spent = 0m;
        HttpResponseMessage response;
        var admitted = 0;
        while ((response = await client.PostAsJsonAsync("/v1/chat/completions", Chat(20))).StatusCode == HttpStatusCode.OK)
        {
            spent += CostHeader(response);
            Assert.True(++admitted < 100, "the budget never ran out");
        }

        var error = (await ErrorAssert.IsErrorAsync(response, HttpStatusCode.TooManyRequests, "budget_exceeded"))["message"]!.GetValue<string>();
        var tomorrow = DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        Assert.Contains($"budget of ${Budget} per day", error, StringComparison.Ordinal);
        Assert.Contains(tomorrow, error, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Retry-After"));

        // Never past the budget; and refused only when what is left could not cover one more worst case.
        var budget = decimal.Parse(Budget, CultureInfo.InvariantCulture);
        Assert.True(spent <= budget, $"spent {spent} of {budget}");
        var worstCase = Pricing.Cost(PromptTokensAtMost, 20);
        Assert.True(spent > budget - worstCase, $"spent {spent}, refused with more than a worst case ({worstCase}) left");
        Assert.True(await Eventually.TrueAsync(async () => await BudgetCounterRows.SpentAsync($"key:{keyId}") == spent));
    }

    [Fact]
    public async Task Stream_WithoutIncludeUsage_ClientSeesNoUsage_ButTheGatewayGetsTheProvidersCount()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();

        using var response = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions", Chat(50, stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await SseEvents.ReadAllAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        Assert.All(events[..^1], e => Assert.DoesNotContain("usage", e, StringComparison.Ordinal));
        var sent = JsonNode.Parse(fixture.Provider.Requests[^1].Body)!;
        Assert.True(sent["stream_options"]!["include_usage"]!.GetValue<bool>(), "the gateway asked the provider for usage");

        var row = await AuditRows.WaitForAsync(tenant, response.Headers.GetValues("x-request-id").Single());
        Assert.Equal("provider", row.GetString("UsageSource"));
        var cost = Pricing.Cost(row.GetInt32("PromptTokens")!.Value, row.GetInt32("CompletionTokens")!.Value);
        Assert.Equal(cost, decimal.Parse(row.GetString("CostUsd"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Stream_ClientAskedForUsage_GetsTheUsageChunk_AsTheProviderSentIt()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        var body = new
        {
            model = "gpt-4o-mini",
            stream = true,
            max_tokens = 50,
            stream_options = new { include_usage = true },
            messages = new[] { new { role = "user", content = "Say hello" } },
        };

        using var response = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions", body);

        var events = await SseEvents.ReadAllAsync(response);
        Assert.True(events.Count > 2, $"{response.StatusCode}: {string.Join(" | ", events)}");
        var usageChunk = JsonNode.Parse(events[^2])!;
        Assert.Empty(usageChunk["choices"]!.AsArray());
        Assert.True(usageChunk["usage"]!["total_tokens"]!.GetValue<int>() > 0);
        Assert.Contains("\"usage\":null", events[1], StringComparison.Ordinal); // as the provider sent it: untouched
    }

    [Fact]
    public async Task Embeddings_AreCostedFromTheirPromptTokens()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();

        var response = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/embeddings", new { model = "text-embedding-3-small", input = "price me" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["usage"]!;
        Assert.Equal(Pricing.Cost(usage["prompt_tokens"]!.GetValue<long>(), 0), CostHeader(response));
    }

    [Fact]
    public async Task ModelWithoutAPrice_UnderABudget_FailsClosed()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();

        var response = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions",
            new { model = "unpriced", messages = new[] { new { role = "user", content = "hi" } } });

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.InternalServerError, "model_not_priced");
        Assert.DoesNotContain(fixture.Provider.Requests, r => r.Body.Contains("mystery-model", StringComparison.Ordinal));
    }

    /// <summary>Every key gets the same default budget; prices for the chat and embedding models; one model without a price.</summary>
    public sealed class Fixture : GatewayFixture
    {
        protected override IDictionary<string, string?> Settings => Pricing.For("gpt-4o-mini-2024-07-18", "text-embedding-3-small")
            .With("Gatehouse:Budgets:Key:Usd", Budget)
            .With("Gatehouse:Budgets:Key:Period", "Day")
            .With("Gatehouse:Budgets:FlushInterval", "00:00:00.200")
            .With("Gatehouse:Models:unpriced:Deployments:0:Provider", "fake")
            .With("Gatehouse:Models:unpriced:Deployments:0:Model", "mystery-model");
    }
}
