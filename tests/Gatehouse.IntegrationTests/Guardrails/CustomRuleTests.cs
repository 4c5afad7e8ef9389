using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Guardrails;

/// <summary>
/// <c>ruled</c> has a policy acting on custom-rule findings (block); <c>open</c> has no policy at all. Tenants put
/// their own rules through the admin API.
/// </summary>
public sealed class CustomRuleFixture : GatewayFixture
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Gatehouse:Models:ruled:Deployments:0:Provider"] = "fake",
        ["Gatehouse:Models:ruled:Deployments:0:Model"] = "gpt-4o-mini",
        ["Gatehouse:Models:open:Deployments:0:Provider"] = "fake",
        ["Gatehouse:Models:open:Deployments:0:Model"] = "gpt-4o-mini",
        ["Gatehouse:Guardrails:Policies:ruled:Rules:0:Type"] = "CUSTOM_RULE",
        ["Gatehouse:Guardrails:Policies:ruled:Rules:0:Action"] = "block",
    };
}

/// <summary>A tenant's custom rule, put through the admin API, acting on that tenant's requests and no other's.</summary>
public sealed class CustomRuleTests(CustomRuleFixture fixture) : IClassFixture<CustomRuleFixture>
{
    private const string GuardrailsHeader = "x-gatehouse-guardrails";

    private static object Chat(string model, string text) => new { model, messages = new[] { new { role = "user", content = text } } };

    [Fact]
    public async Task TenantRule_BlocksItsOwnTenantsRequests_UntilDeleted_AndNeverEchoesTheText()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();
        var (_, otherSecret, _) = await fixture.App.CreateKeyAsync();
        using var admin = fixture.App.CreateAdminClient();
        var marker = Guid.NewGuid().ToString("N");
        var put = await admin.PutAsJsonAsync($"/admin/tenants/{tenant}/guardrail-rules/codes", new { kind = "regex", pattern = @"\bPRJ-[0-9]{4}\b", action = "block" });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        var blocked = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions", Chat("ruled", $"ship PRJ-4711 {marker}"));
        var otherTenant = await fixture.App.CreateClient(otherSecret).PostAsJsonAsync("/v1/chat/completions", Chat("ruled", $"ship PRJ-4711 {marker}"));

        var error = await ErrorAssert.IsErrorAsync(blocked, HttpStatusCode.BadRequest, "guardrail_blocked");
        Assert.Contains("CUSTOM_RULE", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("PRJ-4711", error.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("custom-rules:CUSTOM_RULE=block", blocked.Headers.GetValues(GuardrailsHeader).Single());
        Assert.Equal(HttpStatusCode.OK, otherTenant.StatusCode);
        Assert.Single(fixture.Provider.Requests, r => r.Body.Contains(marker, StringComparison.Ordinal));
        var row = await AuditRows.WaitForAsync(tenant, blocked.Headers.GetValues("x-request-id").Single());
        var outcome = Assert.Single(JsonNode.Parse(row.GetString("Guardrails"))!.AsArray())!;
        Assert.Equal(("custom-rules", "CUSTOM_RULE", "block"), (outcome["detector"]!.GetValue<string>(), outcome["type"]!.GetValue<string>(), outcome["action"]!.GetValue<string>()));
        Assert.DoesNotContain("PRJ-4711", string.Join("|", row.Select(entry => entry.Value)), StringComparison.Ordinal);

        // Deleted on this instance: the next request is served at once.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/admin/tenants/{tenant}/guardrail-rules/codes")).StatusCode);
        var served = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions", Chat("ruled", "ship PRJ-4711"));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("none", served.Headers.GetValues(GuardrailsHeader).Single());
    }

    [Fact]
    public async Task TenantRule_ActsWithItsOwnAction_OnAnAliasWithoutAPolicy()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();
        using var admin = fixture.App.CreateAdminClient();
        var put = await admin.PutAsJsonAsync($"/admin/tenants/{tenant}/guardrail-rules/birds", new { kind = "deny_list", terms = new[] { "falcon" }, action = "block" });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        var blocked = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions", Chat("open", "the FALCON lands"));
        var clean = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions", Chat("open", "the heron lands"));

        await ErrorAssert.IsErrorAsync(blocked, HttpStatusCode.BadRequest, "guardrail_blocked");
        Assert.Equal("custom-rules:CUSTOM_RULE=block", blocked.Headers.GetValues(GuardrailsHeader).Single());
        Assert.Equal(HttpStatusCode.OK, clean.StatusCode);
    }
}
