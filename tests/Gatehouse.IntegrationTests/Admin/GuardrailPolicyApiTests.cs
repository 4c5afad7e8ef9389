using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Admin;

/// <summary>
/// <c>/admin/{tenants|keys}/{id}/guardrail-policy</c>: set, read and clear round trips, validation like the configured
/// policies (400 naming the rule's field, nothing written), admins only, and the audit trail.
/// </summary>
public sealed class GuardrailPolicyApiTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Policy = """{"rules":[{"type":"DENY_TERM","action":"flag","direction":"input"},{"type":"*","action":"block","fail_open":true}]}""";
    private const string Stored = """[{"type":"DENY_TERM","action":"flag","direction":"input","fallback_model":null,"fail_open":false},{"type":"*","action":"block","direction":null,"fallback_model":null,"fail_open":true}]""";

    private AdminApi Bootstrap() => new(fixture.App, GatewayApp.AdminKey);

    private static Task<HttpResponseMessage> PutAsync(AdminApi admin, string path, string json) =>
        admin.Client.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<string> RulesAsync(AdminApi admin, string path) => (await admin.GetOkAsync(path))["rules"]?.ToJsonString() ?? "null";

    [Fact]
    public async Task Tenant_SetReadClear_RoundTrip()
    {
        using var admin = Bootstrap();
        var path = $"/admin/tenants/{await admin.CreateTenantAsync()}/guardrail-policy";

        var before = await RulesAsync(admin, path);
        var set = await PutAsync(admin, path, Policy);
        var after = await RulesAsync(admin, path);
        var nulled = await PutAsync(admin, path, """{"rules":null}""");
        var afterNull = await RulesAsync(admin, path);
        await PutAsync(admin, path, """{"rules":[]}""");
        var empty = await RulesAsync(admin, path);
        var deleted = await admin.Client.DeleteAsync(path);

        Assert.Equal("null", before);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(Stored, JsonNode.Parse(await set.Content.ReadAsStringAsync())!["rules"]!.ToJsonString());
        Assert.Equal(Stored, after);
        Assert.Equal(HttpStatusCode.OK, nulled.StatusCode);
        Assert.Equal("null", afterNull);
        Assert.Equal("[]", empty);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("null", await RulesAsync(admin, path));
    }

    [Fact]
    public async Task Key_SetReadClear_RoundTrip_AndOtherKeyFieldsStay()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var (keyId, _) = await admin.CreateKeyAsync(tenant, "gpt-4o-mini");
        var path = $"/admin/keys/{keyId}/guardrail-policy";

        Assert.Equal(HttpStatusCode.OK, (await PutAsync(admin, path, Policy)).StatusCode);
        Assert.Equal(Stored, await RulesAsync(admin, path));
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsync($"/admin/keys/{keyId}", new { name = "renamed" })).StatusCode);
        Assert.Equal(Stored, await RulesAsync(admin, path));
        Assert.Equal("""["gpt-4o-mini"]""", (await admin.GetOkAsync($"/admin/keys/{keyId}"))["models"]!.ToJsonString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync(path)).StatusCode);
        Assert.Equal("null", await RulesAsync(admin, path));
        Assert.Equal("renamed", (await admin.GetOkAsync($"/admin/keys/{keyId}"))["name"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string> BadPolicies => new()
    {
        { """{"rules":[{"type":"DENY_TERMS","action":"block"}]}""", "invalid_value", "rules[0].type" },
        { """{"rules":[{"type":"DENY_TERM","action":"explode"}]}""", "invalid_value", "rules[0].action" },
        { """{"rules":[{"action":"block"}]}""", "invalid_value", "rules[0].type" },
        { """{"rules":[{"type":"*","action":"flag"},{"type":"DENY_TERM","action":"fallback","fallback_model":"nowhere"}]}""", "invalid_value", "rules[1].fallback_model" },
        { """{"rules":[{"type":"DENY_TERM","action":"fallback"}]}""", "invalid_value", "rules[0].fallback_model" },
        { """{"rules":[{"type":"DENY_TERM","action":"fallback","fallback_model":"gpt-4o-mini"}]}""", "invalid_value", "rules[0].fallback_model" },
        { """{"rules":[{"type":"DENY_TERM","action":"flag"},{"type":"DENY_TERM","action":"block"}]}""", "invalid_value", "rules[1].type" },
        { """{"rules":[{"type":"DENY_TERM","action":"flag","direction":"sideways"}]}""", "invalid_value", "rules[0].direction" },
        { """{"rules":[{"type":"DENY_TERM","action":"flag","priority":1}]}""", "invalid_value", "rules" },
        { """{"rules":[null]}""", "invalid_value", "rules[0]" },
        { """{"rules":"strict"}""", "invalid_type", "rules" },
        { """{}""", "missing_required_parameter", "rules" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public async Task BadPolicy_Returns400NamingTheField_AndWritesNothing(string body, string code, string param)
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var (keyId, _) = await admin.CreateKeyAsync(tenant);

        foreach (var path in new[] { $"/admin/tenants/{tenant}/guardrail-policy", $"/admin/keys/{keyId}/guardrail-policy" })
        {
            await ErrorAssert.IsErrorAsync(await PutAsync(admin, path, body), HttpStatusCode.BadRequest, code, param);
            Assert.Equal("null", await RulesAsync(admin, path));
        }
    }

    [Fact]
    public async Task OnlyAdmins_SetOrClear_ReadersRead()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var (keyId, _) = await admin.CreateKeyAsync(tenant);
        var (adminKeyId, _) = await admin.CreateAdminKeyAsync("viewer");
        var (_, tenantAdminSecret) = await admin.CreateAdminKeyAsync("tenant-admin", tenant);
        using var tenantAdmin = new AdminApi(fixture.App, tenantAdminSecret);
        var tenantPath = $"/admin/tenants/{tenant}/guardrail-policy";
        var keyPath = $"/admin/keys/{keyId}/guardrail-policy";
        await PutAsync(admin, tenantPath, Policy);

        Assert.Equal(Stored, await RulesAsync(tenantAdmin, tenantPath));
        Assert.Equal("null", await RulesAsync(tenantAdmin, keyPath));
        await ErrorAssert.IsErrorAsync(await PutAsync(tenantAdmin, tenantPath, """{"rules":[]}"""), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await tenantAdmin.Client.DeleteAsync(tenantPath), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await PutAsync(tenantAdmin, keyPath, """{"rules":[]}"""), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await PutAsync(admin, $"/admin/keys/{adminKeyId}/guardrail-policy", Policy), HttpStatusCode.BadRequest, "invalid_value", "id");
        await ErrorAssert.IsErrorAsync(await PutAsync(admin, $"/admin/tenants/{AdminApi.NewTenantId()}/guardrail-policy", Policy), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(Stored, await RulesAsync(admin, tenantPath));
    }

    [Fact]
    public async Task Change_IsAudited()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var (keyId, _) = await admin.CreateKeyAsync(tenant);

        var tenantPut = await PutAsync(admin, $"/admin/tenants/{tenant}/guardrail-policy", Policy);
        var keyPut = await PutAsync(admin, $"/admin/keys/{keyId}/guardrail-policy", Policy);

        var tenantRow = await AuditRows.WaitForAsync(tenant, tenantPut.Headers.GetValues("x-request-id").Single());
        var keyRow = await AuditRows.WaitForAsync(tenant, keyPut.Headers.GetValues("x-request-id").Single());
        Assert.Equal(("tenants.guardrail-policy.put", tenant, 200), (tenantRow.GetString("Action"), tenantRow.GetString("Target"), tenantRow.GetInt32("Status")));
        Assert.Equal(("keys.guardrail-policy.put", keyId, "bootstrap"), (keyRow.GetString("Action"), keyRow.GetString("Target"), keyRow.GetString("Actor")));
    }
}
