using System.Net;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Admin;

/// <summary>
/// Rate limit settings on keys, key requests and tenants: stored, read back, patched field by field, validated, and
/// guarded so that a tenant admin cannot raise its own tenant's ceiling. Enforcement is the limiter's, tested there.
/// </summary>
public sealed class LimitSettingsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string NoLimits = """{"rpm":null,"tpm":null,"rpd":null,"concurrency":null}""";

    private AdminApi Bootstrap() => new(fixture.App, GatewayApp.AdminKey);

    private static string LimitsOf(JsonNode node) => node["limits"]!.ToJsonString();

    [Fact]
    public async Task Key_LimitsSetOnCreate_AreReadBack_AndDefaultToNone()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();

        var created = await admin.PostOkAsync("/admin/keys", new { tenant, name = "app", models = new[] { "*" }, limits = new { rpm = 60, tpm = 100_000, rpd = 5000, concurrency = 4 } });
        var plain = await admin.PostOkAsync("/admin/keys", new { tenant, name = "plain", models = new[] { "*" } });
        var listed = await admin.GetOkAsync($"/admin/keys?tenant={tenant}");

        const string Expected = """{"rpm":60,"tpm":100000,"rpd":5000,"concurrency":4}""";
        Assert.Equal(Expected, LimitsOf(created));
        Assert.Equal(Expected, LimitsOf(await admin.GetOkAsync($"/admin/keys/{created["id"]}")));
        Assert.Equal(NoLimits, LimitsOf(plain));
        Assert.Contains(listed["data"]!.AsArray(), k => k!["id"]!.GetValue<string>() == created["id"]!.GetValue<string>() && LimitsOf(k) == Expected);
    }

    [Fact]
    public async Task Key_Patch_ChangesOnlyTheKindsGiven_NullRemovesOne_LimitsNullRemovesAll()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var created = await admin.PostOkAsync("/admin/keys", new { tenant, name = "app", models = new[] { "*" }, limits = new { rpm = 60, tpm = 1000 } });
        var path = $"/admin/keys/{created["id"]}";

        var raised = await admin.PatchAsync(path, new { limits = new { rpm = 120 } });
        var afterRaise = await admin.GetOkAsync(path);
        var removed = await admin.PatchAsync(path, new { limits = new { tpm = (int?)null, concurrency = 2 } });
        var afterRemove = await admin.GetOkAsync(path);
        var renamed = await admin.PatchAsync(path, new { name = "renamed" });
        var afterRename = await admin.GetOkAsync(path);
        var cleared = await admin.PatchAsync(path, new { limits = (object?)null });

        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        Assert.Equal("""{"rpm":120,"tpm":1000,"rpd":null,"concurrency":null}""", LimitsOf(afterRaise));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("""{"rpm":120,"tpm":null,"rpd":null,"concurrency":2}""", LimitsOf(afterRemove));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(LimitsOf(afterRemove), LimitsOf(afterRename));
        Assert.Equal(NoLimits, LimitsOf(JsonNode.Parse(await cleared.Content.ReadAsStringAsync())!));
        Assert.Equal(NoLimits, LimitsOf(await admin.GetOkAsync(path)));
    }

    public static TheoryData<string, string, string> BadLimits => new()
    {
        { """{"rpm":0}""", "invalid_value", "limits.rpm" },
        { """{"tpm":-1}""", "invalid_value", "limits.tpm" },
        { """{"rpd":2000000000}""", "invalid_value", "limits.rpd" },
        { """{"concurrency":1000000001}""", "invalid_value", "limits.concurrency" },
        { """{"rpm":99999999999}""", "invalid_value", "limits.rpm" },
        { """{"rpm":"ten"}""", "invalid_type", "limits.rpm" },
        { """{"tpm":1.5}""", "invalid_type", "limits.tpm" },
        { """{"rpd":2e9}""", "invalid_type", "limits.rpd" },
        { """{"rps":10}""", "invalid_value", "limits.rps" },
        { "\"fast\"", "invalid_type", "limits" },
    };

    [Theory]
    [MemberData(nameof(BadLimits))]
    public async Task BadLimits_Return400NamingTheField_OnEveryWrite_AndWriteNothing(string limits, string code, string param)
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var (keyId, _) = await admin.CreateKeyAsync(tenant);
        var newTenant = AdminApi.NewTenantId();

        var writes = new[]
        {
            await admin.PostRawAsync("/admin/keys", $$"""{"tenant":"{{tenant}}","name":"x","models":["*"],"limits":{{limits}}}"""),
            await admin.PostRawAsync("/admin/key-requests", $$"""{"tenant":"{{tenant}}","name":"x","models":["*"],"limits":{{limits}}}"""),
            await PatchRawAsync(admin, $"/admin/keys/{keyId}", $$"""{"limits":{{limits}}}"""),
            await admin.PostRawAsync("/admin/tenants", $$"""{"id":"{{newTenant}}","name":"x","limits":{{limits}}}"""),
            await PatchRawAsync(admin, $"/admin/tenants/{tenant}", $$"""{"limits":{{limits}}}"""),
        };

        foreach (var response in writes)
        {
            await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, code, param);
        }

        Assert.Single((await admin.GetOkAsync($"/admin/keys?tenant={tenant}"))["data"]!.AsArray());
        Assert.Empty((await admin.GetOkAsync($"/admin/key-requests?tenant={tenant}"))["data"]!.AsArray());
        Assert.Equal(NoLimits, LimitsOf(await admin.GetOkAsync($"/admin/keys/{keyId}")));
        Assert.Equal(NoLimits, LimitsOf(await admin.GetOkAsync($"/admin/tenants/{tenant}")));
        await ErrorAssert.IsErrorAsync(await admin.GetAsync($"/admin/tenants/{newTenant}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Tenant_LimitsOnCreateAndPatch_ByAnAdmin_RenameKeepsThem()
    {
        using var admin = Bootstrap();
        var tenant = AdminApi.NewTenantId();

        var created = await admin.PostOkAsync("/admin/tenants", new { id = tenant, name = "Acme", limits = new { rpm = 600, tpm = 1_000_000 } });
        var patched = await admin.PatchAsync($"/admin/tenants/{tenant}", new { limits = new { rpm = (int?)null, rpd = 100_000 } });
        var renamed = await admin.PatchAsync($"/admin/tenants/{tenant}", new { name = "Acme Inc" });
        var shown = await admin.GetOkAsync($"/admin/tenants/{tenant}");
        var listed = await admin.GetOkAsync("/admin/tenants");

        Assert.Equal("""{"rpm":600,"tpm":1000000,"rpd":null,"concurrency":null}""", LimitsOf(created));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Acme Inc", shown["name"]!.GetValue<string>());
        Assert.Equal("""{"rpm":null,"tpm":1000000,"rpd":100000,"concurrency":null}""", LimitsOf(shown));
        Assert.Contains(listed["data"]!.AsArray(), t => t!["id"]!.GetValue<string>() == tenant && LimitsOf(t) == LimitsOf(shown));
    }

    [Fact]
    public async Task Tenant_PatchWithNeitherNameNorLimits_Returns400()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();

        await ErrorAssert.IsErrorAsync(await admin.PatchAsync($"/admin/tenants/{tenant}", new { }), HttpStatusCode.BadRequest, "invalid_value", "body");
        await ErrorAssert.IsErrorAsync(await admin.PatchAsync($"/admin/tenants/{tenant}", new { name = (string?)null }), HttpStatusCode.BadRequest, "missing_required_parameter", "name");
        Assert.Equal("Test tenant", (await admin.GetOkAsync($"/admin/tenants/{tenant}"))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task TenantAdmin_CannotSetItsTenantsLimits_ButRenamesIt_AndSetsItsKeysLimits()
    {
        using var admin = Bootstrap();
        var tenant = AdminApi.NewTenantId();
        await admin.PostOkAsync("/admin/tenants", new { id = tenant, name = "Acme", limits = new { rpm = 100 } });
        var other = await admin.CreateTenantAsync();
        var (otherKeyId, _) = await admin.CreateKeyAsync(other);
        var (_, secret) = await admin.CreateAdminKeyAsync("tenant-admin", tenant);
        using var tenantAdmin = new AdminApi(fixture.App, secret);

        var raise = await tenantAdmin.PatchAsync($"/admin/tenants/{tenant}", new { limits = new { rpm = 1_000_000 } });
        var raiseWhileRenaming = await tenantAdmin.PatchAsync($"/admin/tenants/{tenant}", new { name = "Sneaky", limits = (object?)null });
        var rename = await tenantAdmin.PatchAsync($"/admin/tenants/{tenant}", new { name = "Acme Inc" });
        var key = await tenantAdmin.PostOkAsync("/admin/keys", new { tenant, name = "app", models = new[] { "*" }, limits = new { rpm = 10 } });
        var keyPatch = await tenantAdmin.PatchAsync($"/admin/keys/{key["id"]}", new { limits = new { rpm = 20, concurrency = 2 } });
        var otherKeyPatch = await tenantAdmin.PatchAsync($"/admin/keys/{otherKeyId}", new { limits = new { rpm = 20 } });

        await ErrorAssert.IsErrorAsync(raise, HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(raiseWhileRenaming, HttpStatusCode.Forbidden, "permission_denied");
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        var shown = await admin.GetOkAsync($"/admin/tenants/{tenant}");
        Assert.Equal("Acme Inc", shown["name"]!.GetValue<string>());
        Assert.Equal("""{"rpm":100,"tpm":null,"rpd":null,"concurrency":null}""", LimitsOf(shown));
        Assert.Equal(HttpStatusCode.OK, keyPatch.StatusCode);
        Assert.Equal("""{"rpm":20,"tpm":null,"rpd":null,"concurrency":2}""", LimitsOf(await admin.GetOkAsync($"/admin/keys/{key["id"]}")));
        await ErrorAssert.IsErrorAsync(otherKeyPatch, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(NoLimits, LimitsOf(await admin.GetOkAsync($"/admin/keys/{otherKeyId}")));
    }

    [Fact]
    public async Task Viewer_CannotSetKeyLimits()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var (keyId, _) = await admin.CreateKeyAsync(tenant);
        var (_, secret) = await admin.CreateAdminKeyAsync("viewer", tenant);
        using var viewer = new AdminApi(fixture.App, secret);

        await ErrorAssert.IsErrorAsync(await viewer.PatchAsync($"/admin/keys/{keyId}", new { limits = new { rpm = 5 } }), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await viewer.PatchAsync($"/admin/tenants/{tenant}", new { limits = new { rpm = 5 } }), HttpStatusCode.Forbidden, "permission_denied");
        Assert.Equal(NoLimits, LimitsOf(await admin.GetOkAsync($"/admin/keys/{keyId}")));
    }

    [Fact]
    public async Task AdminKey_RefusesLimits()
    {
        using var admin = Bootstrap();
        var (adminKeyId, _) = await admin.CreateAdminKeyAsync("viewer");

        await ErrorAssert.IsErrorAsync(await admin.PatchAsync($"/admin/keys/{adminKeyId}", new { limits = new { rpm = 5 } }), HttpStatusCode.BadRequest, "invalid_value", "limits");
    }

    [Fact]
    public async Task KeyRequest_LimitsAreShownToTheApprover_AndTheApprovedKeyHasThem()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var (_, developerSecret) = await admin.CreateAdminKeyAsync("developer", tenant);
        using var developer = new AdminApi(fixture.App, developerSecret);
        const string Asked = """{"rpm":30,"tpm":null,"rpd":1000,"concurrency":null}""";

        var filed = await developer.PostOkAsync("/admin/key-requests", new { tenant, name = "app", models = new[] { "*" }, limits = new { rpm = 30, rpd = 1000 } });
        var seen = await admin.GetOkAsync($"/admin/key-requests/{filed["id"]}");
        var pendingKey = await admin.GetOkAsync($"/admin/keys/{filed["key_id"]}");
        await admin.PostOkAsync($"/admin/key-requests/{filed["id"]}/approve");
        var approvedKey = await admin.GetOkAsync($"/admin/keys/{filed["key_id"]}");

        Assert.Equal(Asked, LimitsOf(filed));
        Assert.Equal(Asked, LimitsOf(seen));
        Assert.Equal("pending", pendingKey["status"]!.GetValue<string>());
        Assert.Equal(Asked, LimitsOf(pendingKey));
        Assert.Equal("active", approvedKey["status"]!.GetValue<string>());
        Assert.Equal(Asked, LimitsOf(approvedKey));
    }

    [Fact]
    public async Task OpenApi_DescribesLimits()
    {
        using var admin = Bootstrap();

        var schemas = (await admin.GetOkAsync("/admin/openapi.json"))["components"]!["schemas"]!.AsObject();

        Assert.True(schemas["CreateKeyBody"]!["properties"]!.AsObject().ContainsKey("limits"));
        Assert.True(schemas["UpdateTenantBody"]!["properties"]!.AsObject().ContainsKey("limits"));
        Assert.True(schemas["LimitsBody"]!["properties"]!.AsObject().ContainsKey("concurrency"));
        Assert.True(schemas["KeyResponse"]!["properties"]!.AsObject().ContainsKey("limits"));
    }

    private static Task<HttpResponseMessage> PatchRawAsync(AdminApi api, string path, string json) =>
        api.Client.PatchAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
}
