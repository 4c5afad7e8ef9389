using System.Net;
using System.Net.Http.Json;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Admin;

/// <summary>Admin changes and refused admin calls each become an audit record: who, what, on which tenant and id.</summary>
public sealed class AdminAuditTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Change_IsAudited_WithActorActionAndTarget()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();
        var (actorId, secret) = await admin.CreateAdminKeyAsync("tenant-admin", tenant);
        using var tenantAdmin = new AdminApi(fixture.App, secret);

        var created = await tenantAdmin.PostAsync("/admin/keys", new { tenant, name = "audited", models = new[] { "*" } });
        var keyId = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>())!["id"]!.GetValue<string>();

        var row = await AuditRows.WaitForAsync(tenant, created.Headers.GetValues("x-request-id").Single());
        Assert.Equal("admin", row.GetString("Kind"));
        Assert.Equal("keys.create", row.GetString("Action"));
        Assert.Equal(actorId, row.GetString("Actor"));
        Assert.Equal(keyId, row.GetString("Target"));
        Assert.Equal(201, row.GetInt32("Status"));
        Assert.DoesNotContain(secret, string.Join("|", row.Select(p => p.Value?.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusal_IsAudited()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();
        var other = await admin.CreateTenantAsync();
        var (_, secret) = await admin.CreateAdminKeyAsync("tenant-admin", tenant);
        using var tenantAdmin = new AdminApi(fixture.App, secret);

        var refused = await tenantAdmin.PostAsync("/admin/keys", new { tenant = other, name = "x", models = new[] { "*" } });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var row = await AuditRows.WaitForAsync(other, refused.Headers.GetValues("x-request-id").Single());
        Assert.Equal(403, row.GetInt32("Status"));
        Assert.Equal("permission_denied", row.GetString("ErrorCode"));
    }
}
