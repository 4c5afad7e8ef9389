using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>
/// The real gateway on real Kestrel sockets (127.0.0.1, free port), on Azurite, with its providers pointed at
/// local doubles. Settings are what an operator would write; tests add or override them.
/// </summary>
public sealed class GatewayApp : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789abcdefghijklmnop";
    public const string ProviderKey = "sk-provider-secret-never-forwarded-or-logged";

    private readonly Dictionary<string, string?> _settings;

    public GatewayApp(Uri providerBaseUrl, IDictionary<string, string?>? overrides = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Gatehouse:Storage:ConnectionString"] = TestStorage.ConnectionString,
            [TestJournal.PathSetting] = TestJournal.Root,
            ["Gatehouse:Keys:Pepper"] = "test-pepper-0123456789abcdefghijklmnopqrstuv",
            ["GATEHOUSE_ADMIN_KEY"] = AdminKey,
            ["TEST_PROVIDER_KEY"] = ProviderKey,
            ["Gatehouse:Providers:fake:Type"] = "openai-compatible",
            ["Gatehouse:Providers:fake:BaseUrl"] = providerBaseUrl.ToString(),
            ["Gatehouse:Providers:fake:ApiKeySetting"] = "TEST_PROVIDER_KEY",
            ["Gatehouse:Models:gpt-4o-mini:Deployments:0:Provider"] = "fake",
            ["Gatehouse:Models:gpt-4o-mini:Deployments:0:Model"] = "gpt-4o-mini-2024-07-18",
            ["Gatehouse:Models:text-embedding-3-small:Deployments:0:Provider"] = "fake",
            ["Gatehouse:Models:text-embedding-3-small:Deployments:0:Model"] = "text-embedding-3-small",
            ["Gatehouse:Models:text-embedding-3-small:Operations:0"] = "embeddings",
            ["Gatehouse:Models:held:Deployments:0:Provider"] = "fake",
            ["Gatehouse:Models:held:Deployments:0:Model"] = "hold-stream",
            ["Gatehouse:Models:broken-stream:Deployments:0:Provider"] = "fake",
            ["Gatehouse:Models:broken-stream:Deployments:0:Model"] = "abort-stream",
            ["Gatehouse:Models:slow:Deployments:0:Provider"] = "fake",
            ["Gatehouse:Models:slow:Deployments:0:Model"] = "slow",
            ["Gatehouse:Models:limited:Deployments:0:Provider"] = "fake",
            ["Gatehouse:Models:limited:Deployments:0:Model"] = "fail-429",
            ["Gatehouse:Models:failing:Deployments:0:Provider"] = "fake",
            ["Gatehouse:Models:failing:Deployments:0:Model"] = "fail-503",
            ["Gatehouse:Models:rejected:Deployments:0:Provider"] = "fake",
            ["Gatehouse:Models:rejected:Deployments:0:Model"] = "fail-401",
            ["Gatehouse:Models:invalid:Deployments:0:Provider"] = "fake",
            ["Gatehouse:Models:invalid:Deployments:0:Model"] = "fail-400",

            // Retries as configured, but fast; a Retry-After (the double sends 1 s) is handed to the client rather than
            // sat out; and breakers that fixture-shared failing models cannot trip. Routing tests set their own.
            ["Gatehouse:Routing:Retry:BaseDelay"] = "00:00:00.010",
            ["Gatehouse:Routing:Retry:MaxDelay"] = "00:00:00.050",
            ["Gatehouse:Routing:Retry:MaxRetryAfter"] = "00:00:00.500",
            ["Gatehouse:Routing:CircuitBreaker:MinimumThroughput"] = "100000",

            // Every app in the test process polls the same worker queues: a failing message comes back (and goes to its
            // poison queue) within seconds whichever app takes it, not after 5 deliveries 30 s apart.
            ["Gatehouse:Workers:VisibilityTimeout"] = "00:00:02",
            ["Gatehouse:Workers:MaxDequeueCount"] = "3",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(0);
        StartServer();
    }

    /// <summary>The gateway's base URL, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUrl => ClientOptions.BaseAddress;

    public HttpClient CreateClient(string? bearer)
    {
        var client = CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public HttpClient CreateAdminClient() => CreateClient(AdminKey);

    /// <summary>Creates a fresh tenant and a key for it through the admin API; returns the secret.</summary>
    public async Task<(string KeyId, string Secret, string Tenant)> CreateKeyAsync(params string[] models)
    {
        using var admin = CreateAdminClient();
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        (await admin.PostAsJsonAsync("/admin/tenants", new { id = tenant, name = "Test tenant" })).EnsureSuccessStatusCode();
        var response = await admin.PostAsJsonAsync("/admin/keys", new { tenant, name = "test", models = models.Length == 0 ? ["*"] : models });
        response.EnsureSuccessStatusCode();
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (json["id"]!.GetValue<string>(), json["key"]!.GetValue<string>(), tenant);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
    }
}
