using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Keys;

/// <summary>App keys through their life: allow-lists with patterns, expiry, edits, rotation with grace, revocation.</summary>
public sealed class KeyLifecycleTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly object Chat = new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "hi" } } };

    private AdminApi Admin() => new(fixture.App, GatewayApp.AdminKey);

    private Task<HttpResponseMessage> ChatAsync(string secret, string model = "gpt-4o-mini") =>
        fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions", new { model, messages = new[] { new { role = "user", content = "hi" } } });

    [Fact]
    public async Task Models_WildcardPattern_AllowsMatchingAliasesOnly()
    {
        using var admin = Admin();
        var tenant = await admin.CreateTenantAsync();
        var (_, secret) = await admin.CreateKeyAsync(tenant, "gpt-4o*", "text-embedding-3-small");

        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(secret)).StatusCode);
        await ErrorAssert.IsErrorAsync(await ChatAsync(secret, "slow"), HttpStatusCode.Forbidden, "model_not_allowed", "model");
    }

    [Fact]
    public async Task Create_UnknownExactAlias_Rejected_ButPatternsMayMatchNothingYet()
    {
        using var admin = Admin();
        var tenant = await admin.CreateTenantAsync();

        await ErrorAssert.IsErrorAsync(await admin.PostAsync("/admin/keys", new { tenant, name = "x", models = new[] { "gpt-4o-mni" } }), HttpStatusCode.BadRequest, "invalid_value", "models");
        await ErrorAssert.IsErrorAsync(await admin.PostAsync("/admin/keys", new { tenant, name = "x", models = new[] { "gpt(4)" } }), HttpStatusCode.BadRequest, "invalid_value", "models");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/admin/keys", new { tenant, name = "x", models = new[] { "claude-*" } })).StatusCode);
    }

    [Theory]
    [InlineData("Authorization", "Bearer {0}")]
    [InlineData("api-key", "{0}")]
    [InlineData("x-api-key", "{0}")]
    public async Task Authenticate_AcceptsEachSdkHeader(string header, string format)
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(Chat) };
        request.Headers.TryAddWithoutValidation(header, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, secret));

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Expiry_KeyStopsAtItsEnd_AndReadsExpired()
    {
        using var admin = Admin();
        var tenant = await admin.CreateTenantAsync();
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var key = await admin.PostOkAsync("/admin/keys", new { tenant, name = "short", models = new[] { "*" }, expires_at = expiresAt });
        var secret = key["key"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(secret)).StatusCode);
        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));

        await ErrorAssert.IsErrorAsync(await ChatAsync(secret), HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Equal("expired", (await admin.GetOkAsync($"/admin/keys/{key["id"]}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_ChangesAllowListAndFields_AbsentFieldsStay()
    {
        using var admin = Admin();
        var tenant = await admin.CreateTenantAsync();
        var created = await admin.PostOkAsync("/admin/keys", new { tenant, name = "app", models = new[] { "*" }, owner = "team-a", metadata = new { env = "prod" } });
        var id = created["id"]!.GetValue<string>();
        var secret = created["key"]!.GetValue<string>();

        var patched = JsonNode.Parse(await (await admin.PatchAsync($"/admin/keys/{id}", new { models = new[] { "text-embedding-3-small" } })).Content.ReadAsStringAsync())!;

        Assert.Equal(["text-embedding-3-small"], patched["models"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("team-a", patched["owner"]!.GetValue<string>());
        Assert.Equal("prod", patched["metadata"]!["env"]!.GetValue<string>());
        Assert.False(patched.AsObject().ContainsKey("key"));
        await ErrorAssert.IsErrorAsync(await ChatAsync(secret), HttpStatusCode.Forbidden, "model_not_allowed");

        var cleared = await admin.PatchAsync($"/admin/keys/{id}", JsonNode.Parse("{\"owner\":null,\"name\":\"renamed\"}")!);
        var body = JsonNode.Parse(await cleared.Content.ReadAsStringAsync())!;
        Assert.Null(body["owner"]);
        Assert.Equal("renamed", body["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rotate_WithGrace_OldAndNewWork_ThenOldStops()
    {
        using var admin = Admin();
        var tenant = await admin.CreateTenantAsync();
        var (id, oldSecret) = await admin.CreateKeyAsync(tenant);
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(oldSecret)).StatusCode);

        var rotated = await admin.PostOkAsync($"/admin/keys/{id}/rotate", new { grace_period_seconds = 2 });
        var newSecret = rotated["key"]!.GetValue<string>();

        Assert.NotEqual(oldSecret, newSecret);
        Assert.Equal(id, rotated["id"]!.GetValue<string>());
        Assert.NotNull(rotated["previous_key_expires_at"]);
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(newSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(oldSecret)).StatusCode);

        await Task.Delay(rotated["previous_key_expires_at"]!.GetValue<DateTimeOffset>() - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
        await ErrorAssert.IsErrorAsync(await ChatAsync(oldSecret), HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(newSecret)).StatusCode);
        Assert.DoesNotContain(newSecret, await admin.Client.GetStringAsync($"/admin/keys/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_WithoutGrace_OldStopsAtOnce()
    {
        using var admin = Admin();
        var tenant = await admin.CreateTenantAsync();
        var (id, oldSecret) = await admin.CreateKeyAsync(tenant);
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(oldSecret)).StatusCode);

        var rotated = await admin.PostOkAsync($"/admin/keys/{id}/rotate");

        await ErrorAssert.IsErrorAsync(await ChatAsync(oldSecret), HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(rotated["key"]!.GetValue<string>())).StatusCode);
    }

    [Fact]
    public async Task Rotate_BadGraceOrRevokedKey_ClearErrors()
    {
        using var admin = Admin();
        var tenant = await admin.CreateTenantAsync();
        var (id, _) = await admin.CreateKeyAsync(tenant);

        await ErrorAssert.IsErrorAsync(await admin.PostAsync($"/admin/keys/{id}/rotate", new { grace_period_seconds = -1 }), HttpStatusCode.BadRequest, "invalid_value", "grace_period_seconds");
        await ErrorAssert.IsErrorAsync(await admin.PostAsync($"/admin/keys/{id}/rotate", new { grace_period_seconds = 999_999_999 }), HttpStatusCode.BadRequest, "invalid_value", "grace_period_seconds");
        await ErrorAssert.IsErrorAsync(await admin.PostAsync($"/admin/keys/{id}/rotate", new { grace_period_seconds = "1h" }), HttpStatusCode.BadRequest, "invalid_type", "grace_period_seconds");
        await admin.PostOkAsync($"/admin/keys/{id}/revoke");
        await ErrorAssert.IsErrorAsync(await admin.PostAsync($"/admin/keys/{id}/rotate"), HttpStatusCode.Conflict, "key_not_active");
        await ErrorAssert.IsErrorAsync(await admin.PostAsync("/admin/keys/key_aaaaaaaaaaaaaaaaaaaa/rotate"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Revoke_StopsTheKeyAtOnceOnThisInstance()
    {
        using var admin = Admin();
        var tenant = await admin.CreateTenantAsync();
        var (id, secret) = await admin.CreateKeyAsync(tenant);
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(secret)).StatusCode);

        var revoked = await admin.PostOkAsync($"/admin/keys/{id}/revoke");

        Assert.Equal("revoked", revoked["status"]!.GetValue<string>());
        await ErrorAssert.IsErrorAsync(await ChatAsync(secret), HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task AdminKey_OnTheProxy_IsNotAnAppKey()
    {
        using var admin = Admin();
        var (_, adminSecret) = await admin.CreateAdminKeyAsync("admin");

        await ErrorAssert.IsErrorAsync(await ChatAsync(adminSecret), HttpStatusCode.Unauthorized, "invalid_api_key");
    }
}
