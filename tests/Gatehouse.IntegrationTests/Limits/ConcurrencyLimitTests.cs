using System.Net;
using System.Net.Http.Json;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Limits;

/// <summary>Concurrency limits through the gateway: slots held while a request runs, released however it ends.</summary>
public sealed class ConcurrencyLimitTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static object Chat(string model) => new { model, messages = new[] { new { role = "user", content = "hi" } } };

    [Fact]
    public async Task TwoInFlight_TheThirdIsRefused_UntilOneEnds()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        using var client = fixture.App.CreateClient(await admin.CreateLimitedKeyAsync(new { concurrency = 2 }));
        Task<HttpResponseMessage>[] held = [client.PostAsJsonAsync("/v1/chat/completions", Chat("held")), client.PostAsJsonAsync("/v1/chat/completions", Chat("held"))];
        Assert.True(await Eventually.TrueAsync(() => fixture.Provider.HeldStreams == 2), "the held requests did not reach the provider");

        var refused = await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini"));
        var error = await ErrorAssert.IsErrorAsync(refused, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Contains("concurrency: 2", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter!.Delta);

        fixture.Provider.ReleaseHeldStreams();
        Assert.All(await Task.WhenAll(held), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        HttpStatusCode[] after = [.. await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ => (await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini"))).StatusCode))];
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], after);
    }

    [Fact]
    public async Task FailedAndRefusedRequests_GiveTheirSlotBack()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        using var client = fixture.App.CreateClient(await admin.CreateLimitedKeyAsync(new { concurrency = 1, rpm = 3 }));

        Assert.Equal(HttpStatusCode.BadGateway, (await client.PostAsJsonAsync("/v1/chat/completions", Chat("failing"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini"))).StatusCode);

        // Refused by rpm after it took the one slot: the slot must come back, or the next minute would stay blocked.
        var byRpm = await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini"));
        var error = await ErrorAssert.IsErrorAsync(byRpm, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Contains("rpm", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var again = await ErrorAssert.IsErrorAsync(await client.PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini")), HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Contains("rpm", again["message"]!.GetValue<string>(), StringComparison.Ordinal); // not "concurrency"
    }
}
