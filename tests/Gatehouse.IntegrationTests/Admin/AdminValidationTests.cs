using System.Net;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Admin;

/// <summary>Bad admin input gets a precise 4xx in the error envelope, and nothing is written.</summary>
public sealed class AdminValidationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public static TheoryData<string, string, string> BadKeyBodies => new()
    {
        { "{\"tenant\":\"{t}\",\"name\":\"x\"}", "missing_required_parameter", "models" },
        { "{\"tenant\":\"{t}\",\"name\":\"x\",\"models\":\"*\"}", "invalid_type", "models" },
        { "{\"tenant\":\"{t}\",\"name\":\"x\",\"models\":[]}", "invalid_value", "models" },
        { "{\"tenant\":\"{t}\",\"name\":\"x\",\"models\":[\"*\"],\"modles\":[\"*\"]}", "invalid_value", "modles" },
        { "{\"tenant\":\"{t}\",\"name\":\"\",\"models\":[\"*\"]}", "invalid_value", "name" },
        { "{\"tenant\":\"{t}\",\"name\":\"x\",\"models\":[\"*\"],\"expires_at\":\"2001-01-01T00:00:00Z\"}", "invalid_value", "expires_at" },
        { "{\"tenant\":\"{t}\",\"name\":\"x\",\"models\":[\"*\"],\"expires_at\":\"soon\"}", "invalid_type", "expires_at" },
        { "{\"tenant\":\"{t}\",\"name\":\"x\",\"models\":[\"*\"],\"metadata\":{\"team\":7}}", "invalid_type", "metadata.team" },
        { "{\"tenant\":\"no-such-tenant\",\"name\":\"x\",\"models\":[\"*\"]}", "invalid_value", "tenant" },
        { "{\"name\":\"x\",\"models\":[\"*\"]}", "missing_required_parameter", "tenant" },
    };

    [Theory]
    [MemberData(nameof(BadKeyBodies))]
    public async Task CreateKey_BadInput_Returns400_AndWritesNothing(string body, string code, string param)
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();

        var response = await admin.PostRawAsync("/admin/keys", body.Replace("{t}", tenant, StringComparison.Ordinal));

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, code, param);
        Assert.Empty((await admin.GetOkAsync($"/admin/keys?tenant={tenant}"))["data"]!.AsArray());
        Assert.Empty((await admin.GetOkAsync($"/admin/key-requests?tenant={tenant}"))["data"]!.AsArray());
    }

    [Fact]
    public async Task KeyRequest_BadInput_Returns400_AndWritesNothing()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();

        var response = await admin.PostAsync("/admin/key-requests", new { tenant, name = "x", models = new[] { "no-such-model" } });

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_value", "models");
        Assert.Empty((await admin.GetOkAsync($"/admin/key-requests?tenant={tenant}"))["data"]!.AsArray());
        Assert.Empty((await admin.GetOkAsync($"/admin/keys?tenant={tenant}"))["data"]!.AsArray());
    }

    [Theory]
    [InlineData("/admin/keys?tenant=Not_A_Tenant", "invalid_value")]
    [InlineData("/admin/key-requests?status=maybe", "invalid_value")]
    public async Task List_BadQuery_Returns400(string path, string code)
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);

        await ErrorAssert.IsErrorAsync(await admin.GetAsync(path), HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Tenants_GetPatchAndUnknown()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();

        var renamed = await admin.PatchAsync($"/admin/tenants/{tenant}", new { name = "Acme Corp" });

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Acme Corp", (await admin.GetOkAsync($"/admin/tenants/{tenant}"))["name"]!.GetValue<string>());
        await ErrorAssert.IsErrorAsync(await admin.GetAsync("/admin/tenants/no-such-tenant"), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await admin.PatchAsync("/admin/tenants/no-such-tenant", new { name = "x" }), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await admin.PatchAsync($"/admin/tenants/{tenant}", new { name = "" }), HttpStatusCode.BadRequest, "invalid_value", "name");
    }
}
