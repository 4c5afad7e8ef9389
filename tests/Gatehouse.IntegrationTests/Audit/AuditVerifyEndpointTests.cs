using System.Net;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Gatehouse.Audit;
using Gatehouse.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.IntegrationTests.Audit;

/// <summary><c>GET /admin/audit/verify</c>: the report's shape, tampering seen through the API, who may ask, bad parameters.</summary>
public sealed class AuditVerifyEndpointTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    /// <summary>A tenant (created through the API, so role grants can name it) with three records on the sample day.</summary>
    internal static async Task<(string Tenant, List<TableEntity> Rows)> SeedAsync(GatewayApp app)
    {
        using var admin = new AdminApi(app, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();
        await app.Services.GetRequiredService<AuditLogStore>().WriteAsync(AuditSamples.Events(tenant, 3), CancellationToken.None);
        return (tenant, await AuditSamples.RecordsAsync(tenant));
    }

    internal static Task<Response> EditStatusAsync(TableEntity row) =>
        AuditSamples.Table.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["Status"] = 403 }, ETag.All, TableUpdateMode.Merge);

    private static string PathFor(string tenant, string day = AuditSamples.DayText) => $"/admin/audit/verify?tenant={tenant}&day={day}";

    [Fact]
    public async Task Verify_IntactThenEdited_ReportsOkThenTheProblem()
    {
        var (tenant, rows) = await SeedAsync(fixture.App);
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);

        var intact = await admin.GetOkAsync(PathFor(tenant));
        await EditStatusAsync(rows[1]);
        var tampered = await admin.GetOkAsync(PathFor(tenant));

        Assert.Equal(tenant, intact["tenant"]!.GetValue<string>());
        Assert.Equal(AuditSamples.DayText, intact["day"]!.GetValue<string>());
        Assert.Equal(3, intact["records"]!.GetValue<long>());
        Assert.Equal(3, intact["head_seq"]!.GetValue<long>());
        Assert.Equal(rows[2].GetString("Hash"), intact["head_hash"]!.GetValue<string>());
        Assert.True(intact["ok"]!.GetValue<bool>());
        Assert.Empty(intact["problems"]!.AsArray());
        Assert.False(tampered["ok"]!.GetValue<bool>());
        var problem = Assert.Single(tampered["problems"]!.AsArray())!;
        Assert.Equal("edited", problem["kind"]!.GetValue<string>());
        Assert.Equal(2, problem["seq"]!.GetValue<long>());
        Assert.Equal(rows[1].RowKey, problem["request_id"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(problem["detail"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Verify_Roles_ReadersOfTheTenantMayOthersNot()
    {
        var (tenant, _) = await SeedAsync(fixture.App);
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        var other = await admin.CreateTenantAsync();
        var (_, viewer) = await admin.CreateAdminKeyAsync("viewer");
        var (_, ownAdmin) = await admin.CreateAdminKeyAsync("tenant-admin", tenant);
        var (_, otherAdmin) = await admin.CreateAdminKeyAsync("tenant-admin", other);
        var (_, developer) = await admin.CreateAdminKeyAsync("developer", tenant);

        async Task<HttpStatusCode> StatusAsync(string credential, string path)
        {
            using var client = fixture.App.CreateClient(credential);
            using var response = await client.GetAsync(path);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(viewer, PathFor(tenant)));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(ownAdmin, PathFor(tenant)));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(otherAdmin, PathFor(tenant)));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(developer, PathFor(tenant)));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(ownAdmin, PathFor("_anonymous")));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(viewer, PathFor("_anonymous")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync("not-a-key", PathFor(tenant)));
    }

    [Fact]
    public async Task Verify_BadParameters_Return400WithTheParameter()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);

        using var noTenant = await admin.GetAsync($"/admin/audit/verify?day={AuditSamples.DayText}");
        using var badDay = await admin.GetAsync(PathFor("acme", "22-11-2026"));

        Assert.Equal(HttpStatusCode.BadRequest, noTenant.StatusCode);
        Assert.Equal("tenant", JsonNode.Parse(await noTenant.Content.ReadAsStringAsync())!["error"]!["param"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badDay.StatusCode);
        Assert.Equal("day", JsonNode.Parse(await badDay.Content.ReadAsStringAsync())!["error"]!["param"]!.GetValue<string>());
    }
}
