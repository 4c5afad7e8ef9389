using System.Net;
using System.Net.Http.Json;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Limits;

/// <summary>
/// Which limit applies: the key's own, the tenant's (all its keys), and each end user's, within a key or (with
/// <c>Gatehouse:Limits:EndUserScope = Tenant</c>, on the second gateway) across the tenant's keys.
/// </summary>
public sealed class LimitScopesTests(LimitScopesTests.EndUserDefault fixture, LimitScopesTests.EndUserTenantWide tenantWide)
    : IClassFixture<LimitScopesTests.EndUserDefault>, IClassFixture<LimitScopesTests.EndUserTenantWide>
{
    public sealed class EndUserDefault : GatewayFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Gatehouse:Limits:EndUser:Rpm"] = "2" };
    }

    public sealed class EndUserTenantWide : GatewayFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Gatehouse:Limits:EndUser:Rpm"] = "2",
            ["Gatehouse:Limits:EndUserScope"] = "Tenant",
        };
    }

    private static async Task<HttpStatusCode> ChatAsync(HttpClient client, string? user = null) =>
        (await client.PostAsJsonAsync("/v1/chat/completions", new { model = "gpt-4o-mini", user, messages = new[] { new { role = "user", content = "hi" } } })).StatusCode;

    [Fact]
    public async Task KeyLimit_SetThroughTheAdminApi_RefusesTheThirdRequest()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        using var client = fixture.App.CreateClient(await admin.CreateLimitedKeyAsync(new { rpm = 2 }));

        Assert.Equal(HttpStatusCode.OK, await ChatAsync(client));
        var second = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "hi" } } });
        Assert.Equal("2", second.Headers.GetValues("x-ratelimit-limit-requests").Single());
        Assert.Equal("0", second.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, await ChatAsync(client));
    }

    [Fact]
    public async Task TenantLimit_CountsAllItsKeysTogether()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        var tenant = AdminApi.NewTenantId();
        await admin.PostOkAsync("/admin/tenants", new { id = tenant, name = "T", limits = new { rpm = 3 } });
        var (_, first) = await admin.CreateKeyAsync(tenant);
        var (_, second) = await admin.CreateKeyAsync(tenant);
        using var a = fixture.App.CreateClient(first);
        using var b = fixture.App.CreateClient(second);

        HttpStatusCode[] statuses = [await ChatAsync(a), await ChatAsync(b), await ChatAsync(a), await ChatAsync(b)];

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task EndUserLimit_IsPerUserWithinTheKey()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        HttpStatusCode[] alice = [await ChatAsync(client, "alice"), await ChatAsync(client, "alice"), await ChatAsync(client, "alice")];
        var bobResponse = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "gpt-4o-mini", user = "bob", messages = new[] { new { role = "user", content = "hi" } } });
        var bobBody = await bobResponse.Content.ReadAsStringAsync();

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], alice);
        Assert.True(bobResponse.StatusCode == HttpStatusCode.OK, bobBody);
    }

    [Fact]
    public async Task EndUserLimit_ByDefault_TheSameUserUnderAnotherKeyIsAnotherUser()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();
        var (_, first) = await admin.CreateKeyAsync(tenant);
        var (_, second) = await admin.CreateKeyAsync(tenant);
        using var a = fixture.App.CreateClient(first);
        using var b = fixture.App.CreateClient(second);

        HttpStatusCode[] statuses = [await ChatAsync(a, "carol"), await ChatAsync(a, "carol"), await ChatAsync(b, "carol")];

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task EndUserLimit_TenantWide_TheSameUserUnderTwoKeysSharesOneLimit_OtherTenantsDoNot()
    {
        using var admin = new AdminApi(tenantWide.App, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();
        var (_, first) = await admin.CreateKeyAsync(tenant);
        var (_, second) = await admin.CreateKeyAsync(tenant);
        var (_, elsewhere) = await admin.CreateKeyAsync(await admin.CreateTenantAsync());
        using var a = tenantWide.App.CreateClient(first);
        using var b = tenantWide.App.CreateClient(second);
        using var other = tenantWide.App.CreateClient(elsewhere);

        HttpStatusCode[] statuses = [await ChatAsync(a, "dave"), await ChatAsync(b, "dave"), await ChatAsync(a, "dave"), await ChatAsync(other, "dave")];

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
    }
}
