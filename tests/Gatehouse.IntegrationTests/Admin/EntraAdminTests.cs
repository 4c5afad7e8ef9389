using System.Net;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.TestDoubles.Entra;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.IntegrationTests.Admin;

/// <summary>The admin API with Entra ID access tokens: app roles become admin roles; bad tokens and outages fail closed.</summary>
public sealed class EntraAdminTests : IAsyncLifetime
{
    private const string Audience = "api://gatehouse-admin";
    private FakeEntraServer _entra = null!;
    private FakeOpenAIServer _provider = null!;
    private GatewayApp _app = null!;

    public async Task InitializeAsync()
    {
        _entra = await FakeEntraServer.StartAsync();
        _provider = await FakeOpenAIServer.StartAsync();
        _app = new GatewayApp(_provider.BaseUrl, new Dictionary<string, string?>
        {
            ["Gatehouse:Admin:Entra:TenantId"] = _entra.TenantId,
            ["Gatehouse:Admin:Entra:Audience"] = Audience,
            ["Gatehouse:Admin:Entra:Instance"] = _entra.BaseUrl.ToString(),
            ["Gatehouse:Admin:Entra:RequireHttpsMetadata"] = "false",
            ["Gatehouse:Admin:Entra:MetadataTimeout"] = "00:00:02",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
        await _entra.DisposeAsync();
    }

    private AdminApi As(params string[] roles) => new(_app, _entra.IssueToken(roles, Audience));

    [Fact]
    public async Task AdminRole_MayDoEverything_AndIsRecordedAsTheEntraObject()
    {
        var oid = Guid.NewGuid().ToString();
        using var admin = new AdminApi(_app, _entra.IssueToken(["Gatehouse.Admin"], Audience, oid));

        var tenant = await admin.CreateTenantAsync();
        var key = await admin.PostOkAsync("/admin/keys", new { tenant, name = "app", models = new[] { "*" } });

        Assert.Equal($"entra:{oid}", key["created_by"]!.GetValue<string>());
    }

    [Fact]
    public async Task TenantAdminRole_IsScopedToTheTenantInItsName()
    {
        using var bootstrap = new AdminApi(_app, GatewayApp.AdminKey);
        var acme = await bootstrap.CreateTenantAsync();
        var other = await bootstrap.CreateTenantAsync();
        using var tenantAdmin = As($"Gatehouse.TenantAdmin.{acme}");

        await tenantAdmin.CreateKeyAsync(acme);
        await ErrorAssert.IsErrorAsync(await tenantAdmin.PostAsync("/admin/keys", new { tenant = other, name = "x", models = new[] { "*" } }), HttpStatusCode.Forbidden, "permission_denied");
    }

    [Fact]
    public async Task ViewerRole_ReadsOnly()
    {
        using var viewer = As("Gatehouse.Viewer");

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/admin/tenants")).StatusCode);
        await ErrorAssert.IsErrorAsync(await viewer.PostAsync("/admin/tenants", new { id = AdminApi.NewTenantId(), name = "x" }), HttpStatusCode.Forbidden, "permission_denied");
    }

    [Fact]
    public async Task TokenWithoutRoles_Gets403_BadTokens401()
    {
        using var noRoles = As("Some.Other.Role");
        using var wrongAudience = new AdminApi(_app, _entra.IssueToken(["Gatehouse.Admin"], "api://another-app"));
        using var forged = new AdminApi(_app, _entra.IssueToken(["Gatehouse.Admin"], Audience, signWithUnknownKey: true));
        using var expired = new AdminApi(_app, _entra.IssueToken(["Gatehouse.Admin"], Audience, now: DateTimeOffset.UtcNow.AddHours(-2)));
        using var unsigned = new AdminApi(_app, _entra.IssueToken(["Gatehouse.Admin"], Audience, alg: "none"));

        await ErrorAssert.IsErrorAsync(await noRoles.GetAsync("/admin/tenants"), HttpStatusCode.Forbidden, "permission_denied");
        foreach (var client in new[] { wrongAudience, forged, expired, unsigned })
        {
            await ErrorAssert.IsErrorAsync(await client.GetAsync("/admin/tenants"), HttpStatusCode.Unauthorized, "invalid_api_key");
        }
    }

    [Fact]
    public async Task EntraUnreachable_FailsClosedWith503()
    {
        // A fresh gateway has no signing keys cached yet; with the directory down it cannot check any token.
        await using var app = new GatewayApp(_provider.BaseUrl, new Dictionary<string, string?>
        {
            ["Gatehouse:Admin:Entra:TenantId"] = _entra.TenantId,
            ["Gatehouse:Admin:Entra:Audience"] = Audience,
            ["Gatehouse:Admin:Entra:Instance"] = "http://127.0.0.1:9/",
            ["Gatehouse:Admin:Entra:RequireHttpsMetadata"] = "false",
            ["Gatehouse:Admin:Entra:MetadataTimeout"] = "00:00:02",
        });
        using var admin = new AdminApi(app, _entra.IssueToken(["Gatehouse.Admin"], Audience));

        await ErrorAssert.IsErrorAsync(await admin.GetAsync("/admin/tenants"), HttpStatusCode.ServiceUnavailable, "service_unavailable");
    }
}
