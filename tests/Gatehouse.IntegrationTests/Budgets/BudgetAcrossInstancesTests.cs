using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Budgets;

/// <summary>
/// Two gateway instances on one Azurite spend one key's nearly spent budget at once. Reservations are leased from
/// the shared counter, so together they never pass the budget; and they stop only when what is left is less than one
/// worst case per instance (plus one more in the shared row).
/// </summary>
public sealed class BudgetAcrossInstancesTests : IAsyncLifetime
{
    private const decimal Budget = 0.01m;
    private const int MaxTokens = 20;
    private const int PromptTokensAtMost = 16; // the gateway counts about 10 for the prompt below
    private GatewayPair _pair = null!;

    private static object Chat => new { model = "gpt-4o-mini", max_tokens = MaxTokens, messages = new[] { new { role = "user", content = "Say hello" } } };

    public async Task InitializeAsync() => _pair = await GatewayPair.StartAsync(Pricing.For("gpt-4o-mini-2024-07-18")
        .With("Gatehouse:Budgets:Key:Usd", Budget.ToString(CultureInfo.InvariantCulture))
        .With("Gatehouse:Budgets:Key:Period", "Day")
        .With("Gatehouse:Budgets:FlushInterval", "00:00:00.200"));

    public async Task DisposeAsync() => await _pair.DisposeAsync();

    [Fact]
    public async Task ConcurrentRequestsFromTwoInstances_NeverSpendPastTheBudget()
    {
        var (keyId, secret, _) = await _pair.A.CreateKeyAsync();
        using var a = _pair.A.CreateClient(secret);
        using var b = _pair.B.CreateClient(secret);

        // Nearly spend it from one instance, one request at a time...
        var spent = 0m;
        while (spent < Budget * 0.8m)
        {
            var response = await a.PostAsJsonAsync("/v1/chat/completions", Chat);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            spent += Cost(response);
        }

        // ...then fire at what is left from both, 60 at once.
        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => (i % 2 == 0 ? a : b).PostAsJsonAsync("/v1/chat/completions", Chat)));

        var admitted = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(responses.Length, admitted.Count + refused.Count);
        Assert.NotEmpty(refused);
        foreach (var response in refused)
        {
            await ErrorAssert.IsErrorAsync(response, HttpStatusCode.TooManyRequests, "budget_exceeded");
        }

        spent += admitted.Sum(Cost);
        var worstCase = Pricing.Cost(PromptTokensAtMost, MaxTokens);
        Assert.True(spent <= Budget, $"spent {spent} of {Budget}");
        Assert.True(spent > Budget - (3 * worstCase), $"spent only {spent} of {Budget} (worst case {worstCase})");

        // The shared counter holds exactly what the responses said they cost, once each instance has reported.
        Assert.True(await Eventually.TrueAsync(async () => await BudgetCounterRows.SpentAsync($"key:{keyId}") == spent),
            $"the counter's spend reaches {spent}; it is {await BudgetCounterRows.SpentAsync($"key:{keyId}")}");
    }

    private static decimal Cost(HttpResponseMessage response) =>
        decimal.Parse(response.Headers.GetValues("x-gatehouse-cost-usd").Single(), CultureInfo.InvariantCulture);
}
