using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>The admin API as a test uses it: one credential, JSON in, JSON out.</summary>
public sealed class AdminApi(GatewayApp app, string credential) : IDisposable
{
    private readonly HttpClient _client = app.CreateClient(credential);

    public HttpClient Client => _client;

    public static string NewTenantId() => $"t-{Guid.NewGuid():N}"[..20];

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        body is null ? _client.PostAsync(path, null) : _client.PostAsJsonAsync(path, body);

    public Task<HttpResponseMessage> PostRawAsync(string path, string json) =>
        _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PatchAsync(string path, object body) => _client.PatchAsJsonAsync(path, body);

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    /// <summary>Posts and expects success; returns the JSON answer.</summary>
    public async Task<JsonNode> PostOkAsync(string path, object? body = null) => await OkAsync(await PostAsync(path, body));

    public async Task<JsonNode> GetOkAsync(string path) => await OkAsync(await GetAsync(path));

    public async Task<string> CreateTenantAsync()
    {
        var tenant = NewTenantId();
        await PostOkAsync("/admin/tenants", new { id = tenant, name = "Test tenant" });
        return tenant;
    }

    /// <summary>Creates an app key; returns its id and secret.</summary>
    public async Task<(string Id, string Secret)> CreateKeyAsync(string tenant, params string[] models)
    {
        var key = await PostOkAsync("/admin/keys", new { tenant, name = "app", models = models.Length == 0 ? ["*"] : models });
        return (key["id"]!.GetValue<string>(), key["key"]!.GetValue<string>());
    }

    /// <summary>Creates a fresh tenant and a key for any model with the given <c>limits</c> object; returns the secret.</summary>
    public async Task<string> CreateLimitedKeyAsync(object limits)
    {
        var key = await PostOkAsync("/admin/keys", new { tenant = await CreateTenantAsync(), name = "limited", models = new[] { "*" }, limits });
        return key["key"]!.GetValue<string>();
    }

    /// <summary>Issues an admin key with a role; returns its id and secret.</summary>
    public async Task<(string Id, string Secret)> CreateAdminKeyAsync(string role, string? tenant = null)
    {
        var key = await PostOkAsync("/admin/admin-keys", new { name = $"{role} key", role, tenant });
        return (key["id"]!.GetValue<string>(), key["key"]!.GetValue<string>());
    }

    public void Dispose() => _client.Dispose();

    private static async Task<JsonNode> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
