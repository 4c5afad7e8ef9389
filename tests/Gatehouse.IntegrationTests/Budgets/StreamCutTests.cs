using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Budgets;

/// <summary>
/// A stream whose running cost would pass the budget is cut off cleanly: the text so far, one error event, then
/// <c>[DONE]</c>; the audit records the cut, and the spend stays within the budget.
/// </summary>
public sealed class StreamCutTests(StreamCutTests.Fixture fixture) : IClassFixture<StreamCutTests.Fixture>
{
    private const decimal Budget = 0.0025m;
    private const int Words = 400;

    [Fact]
    public async Task StreamRunningPastTheBudget_EndsWithAnErrorEventAndDone()
    {
        var (keyId, secret, tenant) = await fixture.App.CreateKeyAsync();

        using var response = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions",
            new { model = "long", stream = true, messages = new[] { new { role = "user", content = "Talk for a long time" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await SseEvents.ReadAllAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        var error = JsonNode.Parse(events[^2])!["error"]!;
        Assert.Equal("budget_exceeded", error["code"]!.GetValue<string>());

        // Cut part-way: the budget covers about 120 of the 400 words at 20 USD per 1M output tokens.
        var words = SseEvents.Text(events[..^2]).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.InRange(words, 50, Words - 1);

        var row = await AuditRows.WaitForAsync(tenant, response.Headers.GetValues("x-request-id").Single());
        Assert.Equal("budget_exceeded", row.GetString("StreamCut"));
        Assert.Equal("budget_exceeded", row.GetString("ErrorCode"));
        Assert.Equal("counted", row.GetString("UsageSource"));
        var cost = decimal.Parse(row.GetString("CostUsd"), CultureInfo.InvariantCulture);
        Assert.True(cost <= Budget, $"the cut stream cost {cost}, over the budget {Budget}");
        Assert.True(await Eventually.TrueAsync(async () => await BudgetCounterRows.SpentAsync($"key:{keyId}") == cost));
    }

    /// <summary>
    /// The model has no output cap in the price book, so a request without max_tokens reserves the small default and
    /// the stream must reserve more as it goes; every key has a budget of <see cref="Budget"/>.
    /// </summary>
    public sealed class Fixture : GatewayFixture
    {
        protected override IDictionary<string, string?> Settings => Pricing.For($"long-{Words}")
            .With("Gatehouse:Models:long:Deployments:0:Provider", "fake")
            .With("Gatehouse:Models:long:Deployments:0:Model", $"long-{Words}")
            .With("Gatehouse:Budgets:Key:Usd", Budget.ToString(CultureInfo.InvariantCulture))
            .With("Gatehouse:Budgets:Key:Period", "Day")
            .With("Gatehouse:Budgets:DefaultMaxOutputTokens", "16")
            .With("Gatehouse:Budgets:FlushInterval", "00:00:00.200");
    }
}
