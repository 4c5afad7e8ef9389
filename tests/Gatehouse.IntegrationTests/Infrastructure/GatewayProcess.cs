using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>
/// The real gateway as a child process (<c>dotnet Gatehouse.Functions.dll</c> from the test output), standalone, on
/// a free port, with one model (<see cref="Model"/>) served by a provider double, so a test can kill it outright.
/// </summary>
public sealed class GatewayProcess : IDisposable
{
    public const string Model = "m1";
    private const int KeptOutputLines = 200;

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private GatewayProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl };
    }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    /// <summary>The last lines the process wrote, for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts the gateway and waits until it answers <c>/healthz</c>.</summary>
    public static async Task<GatewayProcess> StartAsync(Uri providerBaseUrl, string storageConnection, string journalRoot, bool createStorage = true)
    {
        var port = TestStorage.FreePort();
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gatehouse.Functions.dll"));
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("Gatehouse", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k is "DOTNET_ENVIRONMENT" or "FUNCTIONS_CUSTOMHANDLER_PORT" or "AzureWebJobsStorage").ToList())
        {
            info.Environment.Remove(name);
        }

        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["Gatehouse__HostingMode"] = "Standalone",
            ["Gatehouse__Storage__ConnectionString"] = storageConnection,
            ["Gatehouse__Storage__CreateIfMissing"] = createStorage ? "true" : "false",
            ["Gatehouse__Audit__Journal__Path"] = journalRoot,
            ["Gatehouse__Keys__Pepper"] = "process-pepper-0123456789abcdefghijklmnop",
            ["GATEHOUSE_ADMIN_KEY"] = GatewayApp.AdminKey,
            ["TEST_PROVIDER_KEY"] = GatewayApp.ProviderKey,
            ["Gatehouse__Providers__fake__Type"] = "openai-compatible",
            ["Gatehouse__Providers__fake__BaseUrl"] = providerBaseUrl.ToString(),
            ["Gatehouse__Providers__fake__ApiKeySetting"] = "TEST_PROVIDER_KEY",
            [$"Gatehouse__Models__{Model}__Deployments__0__Provider"] = "fake",
            [$"Gatehouse__Models__{Model}__Deployments__0__Model"] = "gpt-4o-mini-2024-07-18",
        };
        foreach (var (name, value) in settings)
        {
            info.Environment[name] = value;
        }

        var gateway = new GatewayProcess(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}"));
        gateway._process.OutputDataReceived += (_, e) => gateway.Keep(e.Data);
        gateway._process.ErrorDataReceived += (_, e) => gateway.Keep(e.Data);
        gateway._process.BeginOutputReadLine();
        gateway._process.BeginErrorReadLine();
        await gateway.WaitUntilAnsweringAsync();
        return gateway;
    }

    /// <summary>Creates a tenant and an app key through the admin API (bootstrap key); returns the tenant and the secret.</summary>
    public async Task<(string Tenant, string Secret)> CreateKeyAsync()
    {
        var tenant = AdminApi.NewTenantId();
        (await SendAsync(HttpMethod.Post, "/admin/tenants", GatewayApp.AdminKey, new { id = tenant, name = "Crash test" })).EnsureSuccessStatusCode();
        var key = await SendAsync(HttpMethod.Post, "/admin/keys", GatewayApp.AdminKey, new { tenant, name = "app", models = new[] { "*" } });
        key.EnsureSuccessStatusCode();
        return (tenant, JsonNode.Parse(await key.Content.ReadAsStringAsync())!["key"]!.GetValue<string>());
    }

    /// <summary>One chat completion; returns its status and request id.</summary>
    public async Task<(int Status, string RequestId)> ChatAsync(string secret)
    {
        var response = await SendAsync(HttpMethod.Post, "/v1/chat/completions", secret, new { model = Model, messages = new[] { new { role = "user", content = "hello" } } });
        return ((int)response.StatusCode, response.Headers.GetValues("x-request-id").Single());
    }

    /// <summary>Ends the process at once (SIGKILL): no shutdown, no drain, no flush.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        Assert.True(_process.WaitForExit(TimeSpan.FromSeconds(30)), "the killed gateway did not exit");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        Http.Dispose();
        _process.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string bearer, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await Http.SendAsync(request);
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(90);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            Assert.False(_process.HasExited, $"the gateway exited:\n{Output}");
            try
            {
                if ((await Http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        Assert.Fail($"the gateway never answered:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }
    }
}
