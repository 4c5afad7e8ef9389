using System.Net;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Admin;

/// <summary>What each admin role may do, with admin keys issued through the API (stored hashed like app keys).</summary>
public sealed class RoleTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private AdminApi Bootstrap() => new(fixture.App, GatewayApp.AdminKey);

    [Fact]
    public async Task TenantAdmin_ManagesItsTenant_AndNothingElse()
    {
        using var admin = Bootstrap();
        var acme = await admin.CreateTenantAsync();
        var globex = await admin.CreateTenantAsync();
        var (globexKeyId, _) = await admin.CreateKeyAsync(globex);
        var (_, secret) = await admin.CreateAdminKeyAsync("tenant-admin", acme);
        using var tenantAdmin = new AdminApi(fixture.App, secret);

        var (ownKeyId, _) = await tenantAdmin.CreateKeyAsync(acme, "gpt-4o-mini");
        await tenantAdmin.PostOkAsync($"/admin/keys/{ownKeyId}/rotate");
        await tenantAdmin.PostOkAsync($"/admin/keys/{ownKeyId}/revoke");
        var listed = await tenantAdmin.GetOkAsync("/admin/keys");

        Assert.All(listed["data"]!.AsArray(), k => Assert.Equal(acme, k!["tenant"]!.GetValue<string>()));
        await ErrorAssert.IsErrorAsync(await tenantAdmin.PostAsync("/admin/keys", new { tenant = globex, name = "x", models = new[] { "*" } }), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await tenantAdmin.GetAsync($"/admin/keys?tenant={globex}"), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await tenantAdmin.GetAsync($"/admin/keys/{globexKeyId}"), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await tenantAdmin.PostAsync($"/admin/keys/{globexKeyId}/revoke"), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await tenantAdmin.PostAsync("/admin/tenants", new { id = AdminApi.NewTenantId(), name = "x" }), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await tenantAdmin.PostAsync("/admin/admin-keys", new { name = "x", role = "admin" }), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await tenantAdmin.GetAsync("/admin/admin-keys"), HttpStatusCode.Forbidden, "permission_denied");
        Assert.Equal([acme], (await tenantAdmin.GetOkAsync("/admin/tenants"))["data"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/admin/keys/{globexKeyId}")).StatusCode);
        Assert.Equal("active", (await admin.GetOkAsync($"/admin/keys/{globexKeyId}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Viewer_ReadsButCannotChangeAnything()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var (keyId, _) = await admin.CreateKeyAsync(tenant);
        var (_, secret) = await admin.CreateAdminKeyAsync("viewer");
        using var viewer = new AdminApi(fixture.App, secret);

        Assert.Equal(keyId, (await viewer.GetOkAsync($"/admin/keys/{keyId}"))["id"]!.GetValue<string>());
        Assert.Contains((await viewer.GetOkAsync($"/admin/keys?tenant={tenant}"))["data"]!.AsArray(), k => k!["id"]!.GetValue<string>() == keyId);
        await ErrorAssert.IsErrorAsync(await viewer.PostAsync($"/admin/keys/{keyId}/revoke"), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await viewer.PostAsync($"/admin/keys/{keyId}/rotate"), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await viewer.PatchAsync($"/admin/keys/{keyId}", new { name = "x" }), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await viewer.PostAsync("/admin/keys", new { tenant, name = "x", models = new[] { "*" } }), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await viewer.PostAsync("/admin/key-requests", new { tenant, name = "x", models = new[] { "*" } }), HttpStatusCode.Forbidden, "permission_denied");
        Assert.Equal("active", (await admin.GetOkAsync($"/admin/keys/{keyId}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AdminKey_RevokedOrRotated_StopsAtOnce()
    {
        using var admin = Bootstrap();
        var (id, secret) = await admin.CreateAdminKeyAsync("admin");
        using var second = new AdminApi(fixture.App, secret);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/admin/tenants")).StatusCode);

        var rotated = await admin.PostOkAsync($"/admin/keys/{id}/rotate");
        await ErrorAssert.IsErrorAsync(await second.GetAsync("/admin/tenants"), HttpStatusCode.Unauthorized, "invalid_api_key");
        using var third = new AdminApi(fixture.App, rotated["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await third.GetAsync("/admin/tenants")).StatusCode);

        await admin.PostOkAsync($"/admin/keys/{id}/revoke");
        await ErrorAssert.IsErrorAsync(await third.GetAsync("/admin/tenants"), HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task AdminKeys_OnlyVisibleToAdmins_AndListedApartFromAppKeys()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var (adminKeyId, _) = await admin.CreateAdminKeyAsync("tenant-admin", tenant);
        var (_, viewerSecret) = await admin.CreateAdminKeyAsync("viewer");
        using var viewer = new AdminApi(fixture.App, viewerSecret);

        var adminKeys = await admin.GetOkAsync("/admin/admin-keys");
        var appKeys = await admin.GetOkAsync($"/admin/keys?tenant={tenant}");

        Assert.Contains(adminKeys["data"]!.AsArray(), k => k!["id"]!.GetValue<string>() == adminKeyId && k["role"]!.GetValue<string>() == "tenant-admin");
        Assert.DoesNotContain(appKeys["data"]!.AsArray(), k => k!["id"]!.GetValue<string>() == adminKeyId);
        await ErrorAssert.IsErrorAsync(await viewer.GetAsync($"/admin/keys/{adminKeyId}"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"role\":\"root\"}", "invalid_value", "role")]
    [InlineData("{\"name\":\"x\",\"role\":\"tenant-admin\"}", "missing_required_parameter", "tenant")]
    [InlineData("{\"name\":\"x\",\"role\":\"admin\",\"tenant\":\"acme\"}", "invalid_value", "tenant")]
    [InlineData("{\"name\":\"x\",\"role\":\"viewer\",\"tenant\":\"no-such-tenant\"}", "invalid_value", "tenant")]
    public async Task AdminKeys_BadInput_Returns400(string body, string code, string param)
    {
        using var admin = Bootstrap();

        await ErrorAssert.IsErrorAsync(await admin.PostRawAsync("/admin/admin-keys", body), HttpStatusCode.BadRequest, code, param);
    }
}
