using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Routing;

/// <summary>
/// Retries, failover and balancing through the real gateway against fault-injecting provider doubles: 429 with
/// Retry-After, 5xx, timeouts, refused connections, streams that fail before and after they start.
/// </summary>
public sealed class RoutingTests(RoutingFixture fixture) : IClassFixture<RoutingFixture>
{
    [Fact]
    public async Task ServerError_IsRetried_OnTheSameDeployment()
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("retried"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fake/flaky-503-1-retried", Header(response, "x-gatehouse-deployment"));
        Assert.Equal("2", Header(response, "x-gatehouse-attempts"));
        Assert.Equal(2, fixture.RequestsFor("flaky-503-1-retried"));
    }

    [Fact]
    public async Task RateLimited_IsRetriedAfterTheWaitTheProviderAskedFor()
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("waited"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", Header(response, "x-gatehouse-attempts"));
        var tries = fixture.Provider.Requests.Where(r => r.Body.Contains("flaky-429-1-waited", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, tries.Count);
        Assert.True(tries[1].ReceivedAt - tries[0].ReceivedAt >= TimeSpan.FromSeconds(0.95), "the retry waited out Retry-After: 1");
    }

    [Fact]
    public async Task RateLimited_WithALongerWaitThanAllowed_FailsOverAtOnce()
    {
        using var client = await ClientAsync();
        var clock = Stopwatch.StartNew();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("long-wait"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fake/gpt-4o-mini", Header(response, "x-gatehouse-deployment"));
        Assert.Equal("2", Header(response, "x-gatehouse-attempts"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the 60 s Retry-After was not waited out");
    }

    [Fact]
    public async Task RetriesExhausted_FailOverToTheNextDeployment_AndTheAuditListsEveryAttempt()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("fails-over"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fake/gpt-4o-mini", Header(response, "x-gatehouse-deployment"));
        Assert.Equal("3", Header(response, "x-gatehouse-attempts"));
        var row = await AuditRows.WaitForAsync(tenant, Header(response, "x-request-id"));
        Assert.Equal("fake/gpt-4o-mini", row.GetString("Deployment"));
        var attempts = JsonNode.Parse(row.GetString("Attempts"))!.AsArray();
        Assert.Equal(
            [("fake/fail-500", "server_error", 500), ("fake/fail-500", "server_error", 500), ("fake/gpt-4o-mini", "ok", 200)],
            attempts.Select(a => (a!["deployment"]!.GetValue<string>(), a["outcome"]!.GetValue<string>(), a["status"]!.GetValue<int>())));
    }

    [Fact]
    public async Task BadRequest_IsNeitherRetriedNorFailedOver()
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("rejected"));

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "upstream_bad_request");
        Assert.Equal("1", Header(response, "x-gatehouse-attempts"));
        Assert.Equal("fake/fail-400", Header(response, "x-gatehouse-deployment"));
    }

    [Fact]
    public async Task AttemptTimeout_IsRetried_ThenFailsOver()
    {
        using var client = await ClientAsync();
        var clock = Stopwatch.StartNew();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("times-out"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fake/gpt-4o-mini", Header(response, "x-gatehouse-deployment"));
        Assert.Equal("3", Header(response, "x-gatehouse-attempts"));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(20)); // two 1 s attempts, not the double's 30 s
    }

    [Fact]
    public async Task RefusedConnection_FailsOver()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("refused"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fake/gpt-4o-mini", Header(response, "x-gatehouse-deployment"));
        var row = await AuditRows.WaitForAsync(tenant, Header(response, "x-request-id"));
        var outcomes = JsonNode.Parse(row.GetString("Attempts"))!.AsArray().Select(a => a!["outcome"]!.GetValue<string>());
        Assert.Equal(["unavailable", "unavailable", "ok"], outcomes);
    }

    [Fact]
    public async Task StreamThatFailsBeforeItStarts_FailsOver_AndTheClientSeesOneWholeStream()
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("start-fails", stream: true));
        var events = await SseEvents.ReadAllAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fake/gpt-4o-mini", Header(response, "x-gatehouse-deployment"));
        Assert.Equal("3", Header(response, "x-gatehouse-attempts"));
        Assert.Equal("[DONE]", events[^1]);
        Assert.DoesNotContain(events, e => e.Contains("\"error\"", StringComparison.Ordinal));
        Assert.Single(events, e => e.Contains("\"role\":\"assistant\"", StringComparison.Ordinal)); // the failed start's role event was never relayed
        Assert.StartsWith("This is a reply from the Gatehouse demo provider to: hello", SseEvents.Text(events), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamThatDiesMidway_IsNotRetried_TheClientGetsAnErrorEvent()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);
        var before = fixture.RequestsFor("gpt-4o-mini");

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("dies-midway", stream: true));
        var events = await SseEvents.ReadAllAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", Header(response, "x-gatehouse-attempts"));
        Assert.NotEmpty(SseEvents.Text(events[..^2]));
        Assert.Equal("upstream_unavailable", JsonNode.Parse(events[^2])!["error"]!["code"]!.GetValue<string>());
        Assert.Equal("[DONE]", events[^1]);
        var row = await AuditRows.WaitForAsync(tenant, Header(response, "x-request-id"));
        Assert.Equal("stream_broken", JsonNode.Parse(row.GetString("Attempts"))!.AsArray().Single()!["outcome"]!.GetValue<string>());
        Assert.Equal(before, fixture.RequestsFor("gpt-4o-mini")); // the fallback deployment was never called
    }

    [Fact]
    public async Task EveryDeploymentFailing_ReportsTheLastError_WithWhereAndHowOften()
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("all-fail"));

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadGateway, "upstream_error");
        Assert.Equal("fake/fail-503", Header(response, "x-gatehouse-deployment"));
        Assert.Equal("2", Header(response, "x-gatehouse-attempts"));
    }

    [Fact]
    public async Task Weighted_SplitsTrafficByWeight()
    {
        using var client = await ClientAsync();
        var served = new List<string>();

        for (var i = 0; i < 100; i++)
        {
            using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("weighted"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            served.Add(Header(response, "x-gatehouse-deployment"));
        }

        // 25 expected on the weight-1 deployment; the bounds are about four standard deviations.
        Assert.InRange(served.Count(d => d == "fake/w-light"), 8, 45);
        Assert.Equal(100, served.Count(d => d is "fake/w-light" or "fake/w-heavy"));
    }

    [Fact]
    public async Task LeastLatency_SettlesOnTheFasterDeployment()
    {
        using var client = await ClientAsync();
        var served = new List<string>();

        for (var i = 0; i < 12; i++)
        {
            using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("fastest"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            served.Add(Header(response, "x-gatehouse-deployment"));
        }

        Assert.Contains("laggy/gpt-4o-mini", served[..2]); // each is measured once
        Assert.All(served[2..], d => Assert.Equal("fake/gpt-4o-mini", d));
    }

    [Fact]
    public async Task NestedGroups_TryBothRegions_ThenTheOtherProvider()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat("nested"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("laggy/gpt-4o-mini", Header(response, "x-gatehouse-deployment"));
        Assert.Equal("5", Header(response, "x-gatehouse-attempts"));
        var row = await AuditRows.WaitForAsync(tenant, Header(response, "x-request-id"));
        var tried = JsonNode.Parse(row.GetString("Attempts"))!.AsArray().Select(a => a!["deployment"]!.GetValue<string>()).ToList();
        Assert.Equal(["laggy/gpt-4o-mini"], tried[4..]);
        Assert.Equal(["region-a/fail-503", "region-a/fail-503", "region-b/fail-503", "region-b/fail-503"], tried[..4].Order());
    }

    private async Task<HttpClient> ClientAsync() => fixture.App.CreateClient((await fixture.App.CreateKeyAsync()).Secret);

    private static object Chat(string model, bool stream = false) =>
        new { model, stream, messages = new[] { new { role = "user", content = "hello" } } };

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
