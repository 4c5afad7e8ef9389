using System.Net;
using System.Net.Http.Json;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Budgets;

/// <summary>The end-user budget (config default only): each end user of a key spends their own, apart from the others.</summary>
public sealed class EndUserBudgetTests(EndUserBudgetTests.Fixture fixture) : IClassFixture<EndUserBudgetTests.Fixture>
{
    private static object Chat(string user) =>
        new { model = "gpt-4o-mini", user, max_tokens = 20, messages = new[] { new { role = "user", content = "Say hello" } } };

    [Fact]
    public async Task OneEndUsersSpentBudget_RefusesOnlyThatUser()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        HttpResponseMessage response;
        var admitted = 0;
        while ((response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("alice"))).StatusCode == HttpStatusCode.OK)
        {
            Assert.True(++admitted < 100, "alice's budget never ran out");
        }

        var error = (await ErrorAssert.IsErrorAsync(response, HttpStatusCode.TooManyRequests, "budget_exceeded"))["message"]!.GetValue<string>();
        Assert.Contains("This user's budget of $0.002 per day", error, StringComparison.Ordinal);
        Assert.True(admitted > 0);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/chat/completions", Chat("bob"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = "gpt-4o-mini",
            max_tokens = 20,
            messages = new[] { new { role = "user", content = "Say hello" } },
        })).StatusCode); // no end user named: no end-user budget applies
    }

    public sealed class Fixture : GatewayFixture
    {
        protected override IDictionary<string, string?> Settings => Pricing.For("gpt-4o-mini-2024-07-18")
            .With("Gatehouse:Budgets:EndUser:Usd", "0.002")
            .With("Gatehouse:Budgets:EndUser:Period", "Day");
    }
}
