using System.Net;
using System.Net.Http.Json;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Limits;

/// <summary><c>Gatehouse:Limits:EndUserScope = Tenant</c>: an end user's limits count across all keys of the tenant.</summary>
public sealed class EndUserScopeTests(EndUserScopeTests.TenantWide fixture) : IClassFixture<EndUserScopeTests.TenantWide>
{
    public sealed class TenantWide : GatewayFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Gatehouse:Limits:EndUser:Rpm"] = "2",
            ["Gatehouse:Limits:EndUserScope"] = "Tenant",
        };
    }

    private static async Task<HttpStatusCode> ChatAsync(HttpClient client, string user) =>
        (await client.PostAsJsonAsync("/v1/chat/completions", new { model = "gpt-4o-mini", user, messages = new[] { new { role = "user", content = "hi" } } })).StatusCode;

    [Fact]
    public async Task TheSameUserUnderTwoKeysOfATenant_SharesOneLimit_OtherTenantsDoNot()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();
        var (_, first) = await admin.CreateKeyAsync(tenant);
        var (_, second) = await admin.CreateKeyAsync(tenant);
        var (_, elsewhere) = await admin.CreateKeyAsync(await admin.CreateTenantAsync());
        using var a = fixture.App.CreateClient(first);
        using var b = fixture.App.CreateClient(second);
        using var other = fixture.App.CreateClient(elsewhere);

        HttpStatusCode[] statuses = [await ChatAsync(a, "dave"), await ChatAsync(b, "dave"), await ChatAsync(a, "dave"), await ChatAsync(other, "dave")];

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
    }
}
