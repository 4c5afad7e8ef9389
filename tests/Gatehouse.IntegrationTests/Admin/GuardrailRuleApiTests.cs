using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Admin;

/// <summary>A gateway with one configured custom rule (<c>configured</c>) for <see cref="ConfiguredTenant"/>.</summary>
public sealed class GuardrailRuleApiFixture : GatewayFixture
{
    public string ConfiguredTenant { get; } = AdminApi.NewTenantId();

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        [$"Gatehouse:Guardrails:TenantRules:{ConfiguredTenant}:configured:Kind"] = "deny_list",
        [$"Gatehouse:Guardrails:TenantRules:{ConfiguredTenant}:configured:Terms:0"] = "falcon",
        [$"Gatehouse:Guardrails:TenantRules:{ConfiguredTenant}:configured:Action"] = "flag",
    };
}

/// <summary>
/// <c>/admin/tenants/{id}/guardrail-rules</c>: put, list and delete round trips, every validation failure a 400 naming
/// its field with nothing written, the per-tenant limit under concurrent writes, who may do what, and the audit trail.
/// </summary>
public sealed class GuardrailRuleApiTests(GuardrailRuleApiFixture fixture) : IClassFixture<GuardrailRuleApiFixture>
{
    private AdminApi Bootstrap() => new(fixture.App, GatewayApp.AdminKey);

    private static string RulesPath(string tenant, string? name = null) =>
        name is null ? $"/admin/tenants/{tenant}/guardrail-rules" : $"/admin/tenants/{tenant}/guardrail-rules/{name}";

    private static Task<HttpResponseMessage> PutRawAsync(AdminApi admin, string path, string json) =>
        admin.Client.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<List<JsonNode>> ListAsync(AdminApi admin, string tenant) =>
        [.. (await admin.GetOkAsync(RulesPath(tenant)))["data"]!.AsArray().Select(rule => rule!)];

    [Fact]
    public async Task PutListDelete_RoundTrip()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();

        var created = await admin.Client.PutAsJsonAsync(RulesPath(tenant, "codes"),
            new { kind = "regex", pattern = @"(?i)\bprj-[0-9]{4}\b", action = "block", description = "project codes" });
        var replaced = await admin.Client.PutAsJsonAsync(RulesPath(tenant, "codes"), new { kind = "regex", pattern = @"\bPRJ-[0-9]{4}\b", action = "flag", direction = "input" });
        var words = await admin.Client.PutAsJsonAsync(RulesPath(tenant, "birds"), new { kind = "deny_list", terms = new[] { "falcon", "blue heron" }, action = "mask" });
        var listed = await ListAsync(admin, tenant);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.Created, words.StatusCode);
        var codes = Assert.Single(listed, r => r["name"]!.GetValue<string>() == "codes");
        Assert.Equal(("regex", @"\bPRJ-[0-9]{4}\b", "input", "flag", "api"),
            (codes["kind"]!.GetValue<string>(), codes["pattern"]!.GetValue<string>(), codes["direction"]!.GetValue<string>(), codes["action"]!.GetValue<string>(), codes["source"]!.GetValue<string>()));
        Assert.Null(codes["description"]);
        Assert.Equal("bootstrap", codes["updated_by"]!.GetValue<string>());
        var birds = Assert.Single(listed, r => r["name"]!.GetValue<string>() == "birds");
        Assert.Equal("""["falcon","blue heron"]""", birds["terms"]!.ToJsonString());
        Assert.Equal("both", birds["direction"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync(RulesPath(tenant, "codes"))).StatusCode);
        Assert.Equal(["birds"], (await ListAsync(admin, tenant)).Select(r => r["name"]!.GetValue<string>()));
        await ErrorAssert.IsErrorAsync(await admin.Client.DeleteAsync(RulesPath(tenant, "codes")), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task LongTermLists_AreStoredWhole()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var terms = Enumerable.Range(0, 500).Select(i => $"{new string((char)('a' + (i % 26)), 195)}{i:D5}").ToArray();

        var put = await admin.Client.PutAsJsonAsync(RulesPath(tenant, "big"), new { kind = "deny_list", terms, action = "block" });

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(terms, Assert.Single(await ListAsync(admin, tenant))["terms"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task TermsOfATenant_AreBoundedTogether()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        string[] List(int count, int length, char letter) => [.. Enumerable.Range(0, count).Select(i => $"{new string(letter, length - 5)}{i:D5}")];

        var first = await admin.Client.PutAsJsonAsync(RulesPath(tenant, "one"), new { kind = "deny_list", terms = List(500, 200, 'a'), action = "flag" });
        var second = await admin.Client.PutAsJsonAsync(RulesPath(tenant, "two"), new { kind = "deny_list", terms = List(500, 200, 'b'), action = "flag" });
        var third = await admin.Client.PutAsJsonAsync(RulesPath(tenant, "three"), new { kind = "deny_list", terms = List(400, 200, 'c'), action = "flag" });
        var smaller = await admin.Client.PutAsJsonAsync(RulesPath(tenant, "one"), new { kind = "deny_list", terms = List(100, 200, 'a'), action = "flag" });
        var nowFits = await admin.Client.PutAsJsonAsync(RulesPath(tenant, "three"), new { kind = "deny_list", terms = List(400, 200, 'c'), action = "flag" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        var error = await ErrorAssert.IsErrorAsync(third, HttpStatusCode.BadRequest, "invalid_value", "terms");
        Assert.Contains("250000 characters", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Created), (smaller.StatusCode, nowFits.StatusCode));
        Assert.Equal(3, (await ListAsync(admin, tenant)).Count);
    }

    public static TheoryData<string, string, string, string?> BadRules => new()
    {
        { """{"kind":"regex","pattern":"(abc","action":"block"}""", "invalid_value", "pattern", "Not enough )'s" },
        { """{"kind":"regex","pattern":"(a)\\1","action":"block"}""", "invalid_value", "pattern", "backreference" },
        { """{"kind":"regex","pattern":"key(?=s)","action":"block"}""", "invalid_value", "pattern", "lookahead" },
        { """{"kind":"regex","pattern":"a*","action":"block"}""", "invalid_value", "pattern", "empty text" },
        { $$"""{"kind":"regex","pattern":"{{new string('a', 1001)}}","action":"block"}""", "invalid_value", "pattern", "at most 1000" },
        { """{"kind":"deny_list","terms":[],"action":"flag"}""", "invalid_value", "terms", null },
        { $$"""{"kind":"deny_list","terms":[{{string.Join(',', Enumerable.Range(0, 501).Select(i => $"\"t{i}\""))}}],"action":"flag"}""", "invalid_value", "terms", "500" },
        { $$"""{"kind":"deny_list","terms":["ok","{{new string('t', 201)}}"],"action":"flag"}""", "invalid_value", "terms", "term 1" },
        { """{"kind":"deny_list","terms":["a"],"pattern":"a","action":"flag"}""", "invalid_value", "pattern", null },
        { """{"kind":"regex","pattern":"x","action":"fallback"}""", "invalid_value", "action", "block, redact, mask, flag" },
        { """{"kind":"regex","pattern":"x","action":"block","direction":"sideways"}""", "invalid_value", "direction", null },
        { """{"kind":"glob","pattern":"x","action":"block"}""", "invalid_value", "kind", null },
        { """{"pattern":"x","action":"block"}""", "missing_required_parameter", "kind", null },
        { """{"kind":"regex","pattern":"x"}""", "missing_required_parameter", "action", null },
        { """{"kind":"regex","pattern":"x","action":"block","priority":1}""", "invalid_value", "priority", null },
        { """{"kind":"regex","pattern":5,"action":"block"}""", "invalid_type", "pattern", null },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task BadRule_Returns400NamingTheField_AndWritesNothing(string body, string code, string param, string? inMessage)
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();

        var error = await ErrorAssert.IsErrorAsync(await PutRawAsync(admin, RulesPath(tenant, "rule"), body), HttpStatusCode.BadRequest, code, param);

        if (inMessage is not null)
        {
            Assert.Contains(inMessage, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty(await ListAsync(admin, tenant));
    }

    [Theory]
    [InlineData("Codes")]
    [InlineData("a.b")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123x")]
    public async Task BadName_Returns400(string name)
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();

        await ErrorAssert.IsErrorAsync(
            await PutRawAsync(admin, RulesPath(tenant, name), """{"kind":"regex","pattern":"x","action":"block"}"""), HttpStatusCode.BadRequest, "invalid_value", "name");
        Assert.Empty(await ListAsync(admin, tenant));
    }

    [Fact]
    public async Task Limit_100RulesPerTenant_HoldsUnderConcurrentWrites()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();

        for (var i = 0; i < 90; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await PutRawAsync(admin, RulesPath(tenant, $"r{i}"), """{"kind":"regex","pattern":"x","action":"flag"}""")).StatusCode);
        }

        // Twenty admins add a rule at the same moment: ten fit.
        var puts = await Task.WhenAll(Enumerable.Range(90, 20).Select(i =>
            PutRawAsync(admin, RulesPath(tenant, $"r{i}"), $$"""{"kind":"regex","pattern":"x{{i}}y","action":"flag"}""")));

        Assert.Equal(10, puts.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = puts.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(10, refused.Count);
        foreach (var response in refused)
        {
            await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "too_many_guardrail_rules", "name");
        }

        var listed = await ListAsync(admin, tenant);
        Assert.Equal(100, listed.Count);
        var kept = listed[0]["name"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await PutRawAsync(admin, RulesPath(tenant, kept), """{"kind":"regex","pattern":"z","action":"block"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync(RulesPath(tenant, kept))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PutRawAsync(admin, RulesPath(tenant, "late"), """{"kind":"regex","pattern":"z","action":"block"}""")).StatusCode);
    }

    [Fact]
    public async Task ConfiguredRule_IsListed_AndCannotBeChangedHere()
    {
        using var admin = Bootstrap();
        var tenant = fixture.ConfiguredTenant;
        await admin.PostOkAsync("/admin/tenants", new { id = tenant, name = "Configured" });

        var listed = Assert.Single(await ListAsync(admin, tenant));
        var put = await PutRawAsync(admin, RulesPath(tenant, "configured"), """{"kind":"regex","pattern":"x","action":"block"}""");
        var delete = await admin.Client.DeleteAsync(RulesPath(tenant, "configured"));

        Assert.Equal(("configured", "config", "deny_list"), (listed["name"]!.GetValue<string>(), listed["source"]!.GetValue<string>(), listed["kind"]!.GetValue<string>()));
        await ErrorAssert.IsErrorAsync(put, HttpStatusCode.Conflict, "guardrail_rule_in_config");
        await ErrorAssert.IsErrorAsync(delete, HttpStatusCode.Conflict, "guardrail_rule_in_config");
        Assert.Equal("deny_list", Assert.Single(await ListAsync(admin, tenant))["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Roles_TenantAdminWritesItsOwn_ViewerReads_OthersSeeNothing()
    {
        using var admin = Bootstrap();
        var acme = await admin.CreateTenantAsync();
        var globex = await admin.CreateTenantAsync();
        var (_, tenantAdminSecret) = await admin.CreateAdminKeyAsync("tenant-admin", acme);
        var (_, viewerSecret) = await admin.CreateAdminKeyAsync("viewer");
        using var tenantAdmin = new AdminApi(fixture.App, tenantAdminSecret);
        using var viewer = new AdminApi(fixture.App, viewerSecret);
        const string Rule = """{"kind":"regex","pattern":"x","action":"block"}""";

        Assert.Equal(HttpStatusCode.Created, (await PutRawAsync(tenantAdmin, RulesPath(acme, "own"), Rule)).StatusCode);
        Assert.Single(await ListAsync(viewer, acme));
        await ErrorAssert.IsErrorAsync(await PutRawAsync(viewer, RulesPath(acme, "viewer"), Rule), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await viewer.Client.DeleteAsync(RulesPath(acme, "own")), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await PutRawAsync(tenantAdmin, RulesPath(globex, "theirs"), Rule), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await tenantAdmin.GetAsync(RulesPath(globex)), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await PutRawAsync(admin, RulesPath(AdminApi.NewTenantId(), "x"), Rule), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.NoContent, (await tenantAdmin.Client.DeleteAsync(RulesPath(acme, "own"))).StatusCode);
        Assert.Empty(await ListAsync(admin, globex));
    }

    [Fact]
    public async Task Changes_AndRefusals_AreAudited()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var (actorId, secret) = await admin.CreateAdminKeyAsync("tenant-admin", tenant);
        using var tenantAdmin = new AdminApi(fixture.App, secret);

        var put = await PutRawAsync(tenantAdmin, RulesPath(tenant, "codes"), """{"kind":"regex","pattern":"PRJ-[0-9]+","action":"block"}""");
        var refused = await PutRawAsync(tenantAdmin, RulesPath(tenant, "broken"), """{"kind":"regex","pattern":"(","action":"block"}""");
        var deleted = await tenantAdmin.Client.DeleteAsync(RulesPath(tenant, "codes"));

        var putRow = await AuditRows.WaitForAsync(tenant, put.Headers.GetValues("x-request-id").Single());
        Assert.Equal(("admin", "tenants.guardrail-rules.put", actorId, "codes", 201),
            (putRow.GetString("Kind"), putRow.GetString("Action"), putRow.GetString("Actor"), putRow.GetString("Target"), putRow.GetInt32("Status")));
        var refusedRow = await AuditRows.WaitForAsync(tenant, refused.Headers.GetValues("x-request-id").Single());
        Assert.Equal((400, "invalid_value"), (refusedRow.GetInt32("Status"), refusedRow.GetString("ErrorCode")));
        var deletedRow = await AuditRows.WaitForAsync(tenant, deleted.Headers.GetValues("x-request-id").Single());
        Assert.Equal(("tenants.guardrail-rules.delete", 204), (deletedRow.GetString("Action"), deletedRow.GetInt32("Status")));
    }
}
