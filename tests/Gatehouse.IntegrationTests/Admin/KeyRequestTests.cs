using System.Net;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Admin;

/// <summary>The approval workflow: a developer asks, the key waits, a tenant admin approves or rejects, requests expire.</summary>
public sealed class KeyRequestTests(KeyRequestTests.ShortRequestTtl fixture) : IClassFixture<KeyRequestTests.ShortRequestTtl>
{
    public sealed class ShortRequestTtl : GatewayFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Gatehouse:Keys:KeyRequestTtl"] = "00:00:03" };
    }

    private async Task<(AdminApi Admin, AdminApi TenantAdmin, AdminApi Developer, string Tenant)> ActorsAsync()
    {
        var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();
        var (_, tenantAdmin) = await admin.CreateAdminKeyAsync("tenant-admin", tenant);
        var (_, developer) = await admin.CreateAdminKeyAsync("developer", tenant);
        return (admin, new AdminApi(fixture.App, tenantAdmin), new AdminApi(fixture.App, developer), tenant);
    }

    private Task<HttpResponseMessage> ModelsAsync(string secret) => fixture.App.CreateClient(secret).GetAsync("/v1/models");

    [Fact]
    public async Task Request_KeyWorksOnlyAfterApproval()
    {
        var (admin, tenantAdmin, developer, tenant) = await ActorsAsync();

        var filed = await developer.PostOkAsync("/admin/key-requests", new { tenant, name = "search-app", models = new[] { "gpt-4o-mini" }, justification = "search beta" });
        var id = filed["id"]!.GetValue<string>();
        var secret = filed["key"]!.GetValue<string>();

        Assert.Equal("pending", filed["status"]!.GetValue<string>());
        var pending = await ErrorAssert.IsErrorAsync(await ModelsAsync(secret), HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Contains("approval", pending["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("pending", (await admin.GetOkAsync($"/admin/keys/{filed["key_id"]}"))["status"]!.GetValue<string>());
        Assert.Contains((await tenantAdmin.GetOkAsync("/admin/key-requests?status=pending"))["data"]!.AsArray(), r => r!["id"]!.GetValue<string>() == id);
        await ErrorAssert.IsErrorAsync(await developer.PostAsync($"/admin/key-requests/{id}/approve"), HttpStatusCode.Forbidden, "permission_denied");

        var approved = await tenantAdmin.PostOkAsync($"/admin/key-requests/{id}/approve", new { comment = "ok for beta" });

        Assert.Equal("approved", approved["status"]!.GetValue<string>());
        Assert.False(approved.AsObject().ContainsKey("key"));
        Assert.Equal(HttpStatusCode.OK, (await ModelsAsync(secret)).StatusCode);
        Assert.Equal("approved", (await developer.GetOkAsync($"/admin/key-requests/{id}"))["status"]!.GetValue<string>());
        await ErrorAssert.IsErrorAsync(await tenantAdmin.PostAsync($"/admin/key-requests/{id}/reject"), HttpStatusCode.Conflict, "key_request_decided");
    }

    [Fact]
    public async Task Reject_RevokesThePendingKey()
    {
        var (_, tenantAdmin, developer, tenant) = await ActorsAsync();
        var filed = await developer.PostOkAsync("/admin/key-requests", new { tenant, name = "app", models = new[] { "*" } });

        var rejected = await tenantAdmin.PostOkAsync($"/admin/key-requests/{filed["id"]}/reject", new { comment = "use the shared key" });

        Assert.Equal("rejected", rejected["status"]!.GetValue<string>());
        Assert.Equal("use the shared key", rejected["comment"]!.GetValue<string>());
        await ErrorAssert.IsErrorAsync(await ModelsAsync(filed["key"]!.GetValue<string>()), HttpStatusCode.Unauthorized, "invalid_api_key");
        await ErrorAssert.IsErrorAsync(await tenantAdmin.PostAsync($"/admin/key-requests/{filed["id"]}/approve"), HttpStatusCode.Conflict, "key_request_decided");
    }

    [Fact]
    public async Task Request_ExpiresUndecided_AndCanNoLongerBeApproved()
    {
        var (_, tenantAdmin, developer, tenant) = await ActorsAsync();
        var filed = await developer.PostOkAsync("/admin/key-requests", new { tenant, name = "app", models = new[] { "*" } });

        await Task.Delay(filed["expires_at"]!.GetValue<DateTimeOffset>() - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));

        Assert.Equal("expired", (await tenantAdmin.GetOkAsync($"/admin/key-requests/{filed["id"]}"))["status"]!.GetValue<string>());
        await ErrorAssert.IsErrorAsync(await tenantAdmin.PostAsync($"/admin/key-requests/{filed["id"]}/approve"), HttpStatusCode.Conflict, "key_request_expired");
        await ErrorAssert.IsErrorAsync(await ModelsAsync(filed["key"]!.GetValue<string>()), HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task OtherTenantsAdmin_CannotSeeOrDecide()
    {
        var (admin, _, developer, tenant) = await ActorsAsync();
        var other = await admin.CreateTenantAsync();
        var (_, otherAdminSecret) = await admin.CreateAdminKeyAsync("tenant-admin", other);
        using var otherAdmin = new AdminApi(fixture.App, otherAdminSecret);
        var filed = await developer.PostOkAsync("/admin/key-requests", new { tenant, name = "app", models = new[] { "*" } });

        await ErrorAssert.IsErrorAsync(await otherAdmin.PostAsync($"/admin/key-requests/{filed["id"]}/approve"), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await otherAdmin.GetAsync($"/admin/key-requests/{filed["id"]}"), HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain((await otherAdmin.GetOkAsync("/admin/key-requests"))["data"]!.AsArray(), r => r!["id"]!.GetValue<string>() == filed["id"]!.GetValue<string>());
        await ErrorAssert.IsErrorAsync(await developer.PostAsync("/admin/key-requests", new { tenant = other, name = "x", models = new[] { "*" } }), HttpStatusCode.Forbidden, "permission_denied");
    }

    [Fact]
    public async Task TenantAdmin_CannotApproveTheirOwnRequest()
    {
        var (_, tenantAdmin, _, tenant) = await ActorsAsync();
        var filed = await tenantAdmin.PostOkAsync("/admin/key-requests", new { tenant, name = "app", models = new[] { "*" } });

        await ErrorAssert.IsErrorAsync(await tenantAdmin.PostAsync($"/admin/key-requests/{filed["id"]}/approve"), HttpStatusCode.Forbidden, "permission_denied");
    }

    [Theory]
    [InlineData("/admin/key-requests/kreq_aaaaaaaaaaaaaaaaaaaa/approve")]
    [InlineData("/admin/key-requests/not-an-id/approve")]
    [InlineData("/admin/key-requests/key_aaaaaaaaaaaaaaaaaaaa/reject")]
    public async Task Decide_UnknownRequest_Returns404(string path)
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);

        await ErrorAssert.IsErrorAsync(await admin.PostAsync(path), HttpStatusCode.NotFound, "not_found");
    }
}
