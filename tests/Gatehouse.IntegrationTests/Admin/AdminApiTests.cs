using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Admin;

public sealed class AdminApiTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static string NewTenantId() => $"t-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Tenants_CreateListAndDuplicate()
    {
        using var admin = fixture.App.CreateAdminClient();
        var id = NewTenantId();

        var created = await admin.PostAsJsonAsync("/admin/tenants", new { id, name = "Acme" });
        var duplicate = await admin.PostAsJsonAsync("/admin/tenants", new { id, name = "Acme again" });
        var list = JsonNode.Parse(await admin.GetStringAsync("/admin/tenants"))!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(id, JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        await ErrorAssert.IsErrorAsync(duplicate, HttpStatusCode.Conflict, "tenant_exists");
        Assert.Contains(list["data"]!.AsArray(), t => t!["id"]!.GetValue<string>() == id && t["name"]!.GetValue<string>() == "Acme");
    }

    [Theory]
    [InlineData("{\"id\":\"Has Spaces\",\"name\":\"x\"}", "invalid_value", "id")]
    [InlineData("{\"name\":\"x\"}", "missing_required_parameter", "id")]
    [InlineData("{\"id\":\"ok-id\",\"name\":7}", "invalid_type", "name")]
    [InlineData("nope", "invalid_json", null)]
    public async Task Tenants_BadInput_Returns400(string body, string code, string? param)
    {
        using var admin = fixture.App.CreateAdminClient();

        var response = await admin.PostAsync("/admin/tenants", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, code, param);
    }

    [Fact]
    public async Task Keys_CreateShowsSecretOnce_GetAndListNever()
    {
        using var admin = fixture.App.CreateAdminClient();
        var tenant = NewTenantId();
        await admin.PostAsJsonAsync("/admin/tenants", new { id = tenant, name = "T" });

        var created = await admin.PostAsJsonAsync("/admin/keys", new { tenant, name = "checkout", models = new[] { "gpt-4o-mini" } });
        var key = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var id = key["id"]!.GetValue<string>();
        var secret = key["key"]!.GetValue<string>();
        var fetched = await admin.GetStringAsync($"/admin/keys/{id}");
        var listed = await admin.GetStringAsync($"/admin/keys?tenant={tenant}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Matches("^gh_[A-Za-z0-9_-]{43,}$", secret);
        Assert.Equal("active", key["status"]!.GetValue<string>());
        Assert.DoesNotContain(secret, fetched, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.Equal(id, Assert.Single(JsonNode.Parse(listed)!["data"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal($"gh_...{secret[^4..]}", JsonNode.Parse(fetched)!["hint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Keys_StoredOnlyAsPepperedHash_NeverTheSecret()
    {
        var (keyId, secret, _) = await fixture.App.CreateKeyAsync();
        var tables = new TableServiceClient(TestStorage.ConnectionString);

        var everything = new List<string>();
        foreach (var table in new[] { "VirtualKeys", "KeyLookup" })
        {
            await foreach (var row in tables.GetTableClient(table).QueryAsync<TableEntity>())
            {
                everything.Add(string.Join("|", row.Select(p => $"{p.Key}={p.Value}")));
            }
        }

        var all = string.Join("\n", everything);
        Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[3..], all, StringComparison.Ordinal);
        var plainSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
        Assert.DoesNotContain(plainSha, all, StringComparison.Ordinal);
        Assert.Contains(everything, row => row.Contains($"KeyId={keyId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keys_BadInput_Returns4xx()
    {
        using var admin = fixture.App.CreateAdminClient();
        var tenant = NewTenantId();
        await admin.PostAsJsonAsync("/admin/tenants", new { id = tenant, name = "T" });

        await ErrorAssert.IsErrorAsync(await admin.PostAsJsonAsync("/admin/keys", new { tenant = "no-such-tenant", name = "a", models = new[] { "*" } }),
            HttpStatusCode.BadRequest, "invalid_value", "tenant");
        await ErrorAssert.IsErrorAsync(await admin.PostAsJsonAsync("/admin/keys", new { tenant, name = "a", models = new[] { "gpt-99" } }),
            HttpStatusCode.BadRequest, "invalid_value", "models");
        await ErrorAssert.IsErrorAsync(await admin.PostAsJsonAsync("/admin/keys", new { tenant, name = "a", models = Array.Empty<string>() }),
            HttpStatusCode.BadRequest, "invalid_value", "models");
        await ErrorAssert.IsErrorAsync(await admin.PostAsJsonAsync("/admin/keys", new { tenant, name = "a", models = "gpt-4o-mini" }),
            HttpStatusCode.BadRequest, "invalid_type", "models");
        await ErrorAssert.IsErrorAsync(await admin.GetAsync("/admin/keys/key_doesnotexist2345678"), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await admin.PostAsync("/admin/keys/../../etc/revoke", null), HttpStatusCode.NotFound, "unknown_url");
        Assert.Empty(JsonNode.Parse(await admin.GetStringAsync($"/admin/keys?tenant={tenant}"))!["data"]!.AsArray());
    }

    [Fact]
    public async Task Revoke_IsIdempotent_AndShowsRevokedStatus()
    {
        var (keyId, _, _) = await fixture.App.CreateKeyAsync();
        using var admin = fixture.App.CreateAdminClient();

        var first = JsonNode.Parse(await (await admin.PostAsync($"/admin/keys/{keyId}/revoke", null)).Content.ReadAsStringAsync())!;
        var second = await admin.PostAsync($"/admin/keys/{keyId}/revoke", null);

        Assert.Equal("revoked", first["status"]!.GetValue<string>());
        Assert.NotNull(first["revoked_at"]);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-admin-key-0123456789abcdefghijklmnop")]
    public async Task Admin_WithoutTheAdminKey_Returns401(string? key)
    {
        using var client = fixture.App.CreateClient(key);

        await ErrorAssert.IsErrorAsync(await client.GetAsync("/admin/tenants"), HttpStatusCode.Unauthorized, "invalid_api_key");
        await ErrorAssert.IsErrorAsync(await client.PostAsJsonAsync("/admin/tenants", new { id = "x-y", name = "x" }), HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task Admin_AppKey_Returns403()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();

        await ErrorAssert.IsErrorAsync(await fixture.App.CreateClient(secret).GetAsync("/admin/keys"), HttpStatusCode.Forbidden, "permission_denied");
    }
}
