using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Keys;

/// <summary>
/// Two gateway instances on one Azurite: a change made through one reaches the other within Keys:CacheTtl (the
/// documented bound; 30 s by default, 3 s here to keep the suite fast), while the other serves from its cache until then.
/// </summary>
public sealed class RevocationAcrossInstancesTests : IAsyncLifetime
{
    private static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(3);
    private GatewayPair _pair = null!;

    public async Task InitializeAsync() => _pair = await GatewayPair.StartAsync(new Dictionary<string, string?> { ["Gatehouse:Keys:CacheTtl"] = CacheTtl.ToString() });

    public async Task DisposeAsync() => await _pair.DisposeAsync();

    [Fact]
    public async Task Revoke_OnA_ReachesB_WithinTheCacheTtl()
    {
        using var admin = new AdminApi(_pair.A, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();
        var (id, secret) = await admin.CreateKeyAsync(tenant);
        Assert.Equal(HttpStatusCode.OK, (await ModelsAsync(_pair.B, secret)).StatusCode);

        await admin.PostOkAsync($"/admin/keys/{id}/revoke");

        var elapsed = await TimeUntilAsync(_pair.B, secret, HttpStatusCode.Unauthorized);
        Assert.True(elapsed <= CacheTtl + TimeSpan.FromSeconds(1), $"B still accepted the revoked key after {elapsed}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await ModelsAsync(_pair.A, secret)).StatusCode);
    }

    [Fact]
    public async Task RotateWithoutGrace_OnA_ReachesB_WithinTheCacheTtl()
    {
        using var admin = new AdminApi(_pair.A, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();
        var (id, oldSecret) = await admin.CreateKeyAsync(tenant);
        Assert.Equal(HttpStatusCode.OK, (await ModelsAsync(_pair.B, oldSecret)).StatusCode);

        var rotated = await admin.PostOkAsync($"/admin/keys/{id}/rotate");

        var elapsed = await TimeUntilAsync(_pair.B, oldSecret, HttpStatusCode.Unauthorized);
        Assert.True(elapsed <= CacheTtl + TimeSpan.FromSeconds(1), $"B still accepted the old secret after {elapsed}");
        Assert.Equal(HttpStatusCode.OK, (await ModelsAsync(_pair.B, rotated["key"]!.GetValue<string>())).StatusCode);
    }

    [Fact]
    public async Task AllowListChange_OnA_ReachesB_WithinTheCacheTtl()
    {
        using var admin = new AdminApi(_pair.A, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();
        var (id, secret) = await admin.CreateKeyAsync(tenant, "gpt-4o-mini");
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(_pair.B, secret)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsync($"/admin/keys/{id}", new { models = new[] { "text-embedding-3-small" } })).StatusCode);

        var stopwatch = Stopwatch.StartNew();
        var servedFromCache = false;
        HttpStatusCode status;
        while ((status = (await ChatAsync(_pair.B, secret)).StatusCode) == HttpStatusCode.OK && stopwatch.Elapsed < CacheTtl * 3)
        {
            servedFromCache = true;
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.True(stopwatch.Elapsed <= CacheTtl + TimeSpan.FromSeconds(1), $"B still allowed the removed model after {stopwatch.Elapsed}");
        Assert.True(servedFromCache || stopwatch.Elapsed < CacheTtl, "B answered from its cache at first (no storage read per request)");
    }

    private static Task<HttpResponseMessage> ModelsAsync(GatewayApp app, string secret) => app.CreateClient(secret).GetAsync("/v1/models");

    private static Task<HttpResponseMessage> ChatAsync(GatewayApp app, string secret) =>
        app.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions", new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "hi" } } });

    /// <summary>Polls until the instance answers <paramref name="expected"/>; the time it took (capped at 3× the TTL).</summary>
    private static async Task<TimeSpan> TimeUntilAsync(GatewayApp app, string secret, HttpStatusCode expected)
    {
        var stopwatch = Stopwatch.StartNew();
        while ((await ModelsAsync(app, secret)).StatusCode != expected && stopwatch.Elapsed < CacheTtl * 3)
        {
            await Task.Delay(100);
        }

        return stopwatch.Elapsed;
    }
}
