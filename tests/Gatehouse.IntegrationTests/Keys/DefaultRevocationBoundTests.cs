using System.Diagnostics;
using System.Net;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Keys;

/// <summary>
/// The documented bound with the shipped defaults: a key revoked through instance A is refused by instance B within
/// 30 s. Slow by nature (it waits out the real cache), so it is the one test that does; the same mechanism with a
/// short TTL is covered in <see cref="RevocationAcrossInstancesTests"/>.
/// </summary>
public sealed class DefaultRevocationBoundTests : IAsyncLifetime
{
    private static readonly TimeSpan DocumentedBound = TimeSpan.FromSeconds(30);
    private GatewayPair _pair = null!;

    public async Task InitializeAsync() => _pair = await GatewayPair.StartAsync();

    public async Task DisposeAsync() => await _pair.DisposeAsync();

    [Fact]
    public async Task Revoke_WithDefaultSettings_ReachesTheOtherInstanceWithin30Seconds()
    {
        using var admin = new AdminApi(_pair.A, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();
        var (id, secret) = await admin.CreateKeyAsync(tenant);
        using var client = _pair.B.CreateClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/models")).StatusCode);

        await admin.PostOkAsync($"/admin/keys/{id}/revoke");
        var stopwatch = Stopwatch.StartNew();
        while ((await client.GetAsync("/v1/models")).StatusCode == HttpStatusCode.OK && stopwatch.Elapsed < DocumentedBound * 2)
        {
            await Task.Delay(250);
        }

        Assert.True(stopwatch.Elapsed <= DocumentedBound + TimeSpan.FromSeconds(1), $"B accepted the revoked key for {stopwatch.Elapsed}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/models")).StatusCode);
    }
}
