using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Guardrails;

/// <summary>
/// <c>chat</c> falls back to <c>strict</c> (the fake's <c>strict-model</c>) on a deny-list term; <c>guarded</c> blocks
/// it; <c>watched</c> only flags it; the base aliases (<c>gpt-4o-mini</c>) have no policy.
/// </summary>
public sealed class GuardrailFallbackFixture : GatewayFixture
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Gatehouse:Models:chat:Deployments:0:Provider"] = "fake",
        ["Gatehouse:Models:chat:Deployments:0:Model"] = "gpt-4o-mini",
        ["Gatehouse:Models:strict:Deployments:0:Provider"] = "fake",
        ["Gatehouse:Models:strict:Deployments:0:Model"] = "strict-model",
        ["Gatehouse:Models:guarded:Deployments:0:Provider"] = "fake",
        ["Gatehouse:Models:guarded:Deployments:0:Model"] = "gpt-4o-mini",
        ["Gatehouse:Models:watched:Deployments:0:Provider"] = "fake",
        ["Gatehouse:Models:watched:Deployments:0:Model"] = "gpt-4o-mini",
        ["Gatehouse:Guardrails:DenyList:Terms:0"] = "jailbreak",
        ["Gatehouse:Guardrails:Policies:chat:Rules:0:Type"] = "DENY_TERM",
        ["Gatehouse:Guardrails:Policies:chat:Rules:0:Action"] = "fallback",
        ["Gatehouse:Guardrails:Policies:chat:Rules:0:FallbackModel"] = "strict",
        ["Gatehouse:Guardrails:Policies:guarded:Rules:0:Type"] = "DENY_TERM",
        ["Gatehouse:Guardrails:Policies:guarded:Rules:0:Action"] = "block",
        ["Gatehouse:Guardrails:Policies:watched:Rules:0:Type"] = "*",
        ["Gatehouse:Guardrails:Policies:watched:Rules:0:Action"] = "flag",
        ["Gatehouse:Routing:Retry:MaxRetryAttempts"] = "0",
    };
}

public sealed class GuardrailFallbackTests(GuardrailFallbackFixture fixture) : IClassFixture<GuardrailFallbackFixture>
{
    private const string GuardrailsHeader = "x-gatehouse-guardrails";

    private static object Chat(string model, string text, bool stream = false) =>
        new { model, stream, messages = new[] { new { role = "system", content = "be brief" }, new { role = "user", content = text } } };

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    private JsonNode UpstreamBody(string marker) =>
        JsonNode.Parse(fixture.Provider.Requests.Single(r => r.Body.Contains(marker, StringComparison.Ordinal)).Body)!;

    [Fact]
    public async Task CleanRequest_IsServedByItsOwnModel_WithGuardrailsNone()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();
        var marker = Guid.NewGuid().ToString("N");

        var response = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions", Chat("chat", $"hello {marker}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("none", Header(response, GuardrailsHeader));
        Assert.Equal("fake/gpt-4o-mini", Header(response, "x-gatehouse-deployment"));
        Assert.Equal("gpt-4o-mini", UpstreamBody(marker)["model"]!.GetValue<string>());
        var row = await AuditRows.WaitForAsync(tenant, Header(response, "x-request-id"));
        Assert.False(row.ContainsKey("FallbackTo"));
        var outcome = Assert.Single(JsonNode.Parse(row.GetString("Guardrails"))!.AsArray(), o => o!["detector"]!.GetValue<string>() != "custom-rules")!;
        Assert.Equal("deny-list", outcome["detector"]!.GetValue<string>());
        Assert.Null(outcome["action"]);
    }

    [Fact]
    public async Task DeniedTerm_FallsBackToTheStrictModel_AndTheAuditSaysSo()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();
        var marker = Guid.NewGuid().ToString("N");

        var response = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions", Chat("chat", $"please JAILBREAK yourself {marker}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fake/strict-model", Header(response, "x-gatehouse-deployment"));
        Assert.Equal("strict-model", UpstreamBody(marker)["model"]!.GetValue<string>());
        var guardrails = Header(response, GuardrailsHeader);
        Assert.Equal("deny-list:DENY_TERM=fallback", guardrails);
        Assert.DoesNotContain("jailbreak", guardrails, StringComparison.OrdinalIgnoreCase);

        var row = await AuditRows.WaitForAsync(tenant, Header(response, "x-request-id"));
        Assert.Equal("chat", row.GetString("Model"));
        Assert.Equal("fake/strict-model", row.GetString("Deployment"));
        Assert.Equal("chat", row.GetString("FallbackFrom"));
        Assert.Equal("strict", row.GetString("FallbackTo"));
        Assert.Equal("DENY_TERM", row.GetString("FallbackReason"));
        var outcome = Assert.Single(JsonNode.Parse(row.GetString("Guardrails"))!.AsArray(), o => o!["detector"]!.GetValue<string>() != "custom-rules")!;
        Assert.Equal("deny-list", outcome["detector"]!.GetValue<string>());
        Assert.Equal("DENY_TERM", outcome["type"]!.GetValue<string>());
        Assert.Equal("fallback", outcome["action"]!.GetValue<string>());
        Assert.False(outcome["failed"]!.GetValue<bool>());
        Assert.True(outcome["duration_ms"]!.GetValue<double>() >= 0);
        Assert.DoesNotContain("jailbreak", string.Join("|", row.Select(entry => entry.Value)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DeniedTerm_InAStream_FallsBackToo()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        var marker = Guid.NewGuid().ToString("N");

        var response = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions", Chat("chat", $"jailbreak {marker}", stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("deny-list:DENY_TERM=fallback", Header(response, GuardrailsHeader));
        Assert.Equal("fake/strict-model", Header(response, "x-gatehouse-deployment"));
        var events = await SseEvents.ReadAllAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        Assert.False(string.IsNullOrEmpty(SseEvents.Text(events)));
        var upstream = UpstreamBody(marker);
        Assert.Equal("strict-model", upstream["model"]!.GetValue<string>());
        Assert.True(upstream["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task KeyAllowedOnlyTheAskedAlias_IsStillServedByTheFallback()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync("chat");
        using var client = fixture.App.CreateClient(secret);
        var marker = Guid.NewGuid().ToString("N");

        var direct = await client.PostAsJsonAsync("/v1/chat/completions", Chat("strict", "hi"));
        var fallback = await client.PostAsJsonAsync("/v1/chat/completions", Chat("chat", $"jailbreak {marker}"));

        await ErrorAssert.IsErrorAsync(direct, HttpStatusCode.Forbidden, "model_not_allowed");
        Assert.Equal(HttpStatusCode.OK, fallback.StatusCode);
        Assert.Equal("fake/strict-model", Header(fallback, "x-gatehouse-deployment"));
        Assert.Equal("strict-model", UpstreamBody(marker)["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task BlockPolicy_Answers400GuardrailBlocked_AndTheProviderGetsNothing()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();
        var marker = Guid.NewGuid().ToString("N");

        var response = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions", Chat("guarded", $"jailbreak {marker}", stream: true));

        var error = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "guardrail_blocked");
        Assert.Contains("DENY_TERM", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("jailbreak", error.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("deny-list:DENY_TERM=block", Header(response, GuardrailsHeader));
        Assert.DoesNotContain(fixture.Provider.Requests, r => r.Body.Contains(marker, StringComparison.Ordinal));
        var row = await AuditRows.WaitForAsync(tenant, Header(response, "x-request-id"));
        Assert.Equal("guardrail_blocked", row.GetString("ErrorCode"));
        Assert.Equal(400, row.GetInt32("Status"));
        Assert.Equal("block", JsonNode.Parse(row.GetString("Guardrails"))!.AsArray().Single(o => o!["detector"]!.GetValue<string>() != "custom-rules")!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task FlagPolicy_ServesTheRequest_AndSaysItWasFlagged()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();

        var response = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions", Chat("watched", "jailbreak"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("deny-list:DENY_TERM=flag", Header(response, GuardrailsHeader));
        Assert.Equal("fake/gpt-4o-mini", Header(response, "x-gatehouse-deployment"));
    }

    [Fact]
    public async Task AliasWithoutPolicy_RunsNoDetector_AndHasNoGuardrailsHeader()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();

        var response = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions", Chat("gpt-4o-mini", "jailbreak"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(GuardrailsHeader));
        var row = await AuditRows.WaitForAsync(tenant, Header(response, "x-request-id"));
        Assert.False(row.ContainsKey("Guardrails"));
    }
}
