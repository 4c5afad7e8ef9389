using System.Net;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Alerts;

/// <summary>The poison-queue and alert endpoints' rules: admins only for queues, known worker queues only, readers for alerts.</summary>
public sealed class QueueAndAlertEndpointTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Poison_UnknownQueue_Is404_AndNonAdmins_Are403()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        var (_, viewerKey) = await admin.CreateAdminKeyAsync("viewer");
        using var viewer = new AdminApi(fixture.App, viewerKey);

        await ErrorAssert.IsErrorAsync(await admin.GetAsync("/admin/queues/audit-events-poison/poison"), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await admin.PostAsync("/admin/queues/other/poison/replay"), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await viewer.GetAsync("/admin/queues/audit-events/poison"), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await viewer.PostAsync("/admin/queues/audit-events/poison/replay"), HttpStatusCode.Forbidden, "permission_denied");
        var listed = await admin.GetOkAsync("/admin/queues/usage-events/poison");
        Assert.Equal("usage-events-poison", listed["queue"]!.GetValue<string>());
        Assert.NotNull(listed["approximate_count"]);
    }

    [Fact]
    public async Task Replay_UnknownMessageId_Is404_UnknownField_Is400()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);

        await ErrorAssert.IsErrorAsync(await admin.PostAsync("/admin/queues/alerts/poison/replay", new { message_id = Guid.NewGuid().ToString() }), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await admin.PostAsync("/admin/queues/alerts/poison/replay", new { id = "x" }), HttpStatusCode.BadRequest, "invalid_value");
    }

    [Fact]
    public async Task Alerts_DaysOutOfRange_Is400_ViewerMayRead()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        var (_, viewerKey) = await admin.CreateAdminKeyAsync("viewer");
        using var viewer = new AdminApi(fixture.App, viewerKey);

        await ErrorAssert.IsErrorAsync(await admin.GetAsync("/admin/alerts?days=0"), HttpStatusCode.BadRequest, "invalid_value");
        await ErrorAssert.IsErrorAsync(await admin.GetAsync("/admin/alerts?days=32"), HttpStatusCode.BadRequest, "invalid_value");
        Assert.Equal("list", (await viewer.GetOkAsync("/admin/alerts?days=7"))["object"]!.GetValue<string>());
    }
}
