using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Messaging;
using Gatehouse.Workers;

namespace Gatehouse.IntegrationTests.Hosting;

/// <summary>Runs eng/publish-functionapp.sh once: the folder azd zips and deploys.</summary>
public sealed class PublishedAppFixture : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("gatehouse-functionapp-").FullName;

    public async Task InitializeAsync()
    {
        var (exit, output) = await ProcessRunner.RunAsync(Path.Combine(TestStorage.RepoRoot, "eng", "publish-functionapp.sh"), [Folder], TimeSpan.FromMinutes(8));
        Assert.True(exit == 0, $"publish failed ({exit}):\n{output}");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class PublishedAppTests(PublishedAppFixture published) : IClassFixture<PublishedAppFixture>
{
    private string PathIn(params string[] parts) => Path.Combine([published.Folder, .. parts]);

    [Fact]
    public void Layout_HostJsonFunctionFoldersAndExecutable_AtTheRoot()
    {
        var host = JsonNode.Parse(File.ReadAllText(PathIn("host.json")))!;
        Assert.Equal("Gatehouse.Functions", host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.True(host["customHandler"]!["enableProxyingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());

        foreach (var function in new[] { FunctionNames.Proxy, FunctionNames.Admin, FunctionNames.Health, FunctionNames.AuditLogWriter, FunctionNames.CostRollup, FunctionNames.Alerts })
        {
            Assert.True(File.Exists(PathIn(function, "function.json")), $"{function}/function.json is missing");
        }

        var audit = JsonNode.Parse(File.ReadAllText(PathIn(FunctionNames.AuditLogWriter, "function.json")))!["bindings"]![0]!;
        Assert.Equal("queueTrigger", audit["type"]!.GetValue<string>());
        Assert.Equal(QueueNames.AuditEvents, audit["queueName"]!.GetValue<string>());
        Assert.Equal("msg", audit["name"]!.GetValue<string>());
        var rollup = JsonNode.Parse(File.ReadAllText(PathIn(FunctionNames.CostRollup, "function.json")))!["bindings"]![0]!;
        Assert.Equal(QueueNames.UsageEvents, rollup["queueName"]!.GetValue<string>());

        var proxy = JsonNode.Parse(File.ReadAllText(PathIn(FunctionNames.Proxy, "function.json")))!["bindings"]!.AsArray();
        Assert.Equal(2, proxy.Count); // exactly one httpTrigger and one http output, or the host will not proxy (and stream)
        Assert.Equal("v1/{*path}", proxy[0]!["route"]!.GetValue<string>());

        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(PathIn("Gatehouse.Functions")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.Exists(PathIn("appsettings.Development.json")));
        Assert.False(File.Exists(PathIn("local.settings.json")));
    }

    [Fact]
    public async Task Executable_AsCustomHandler_ListensOnTheHostsPort_AndServesInvocations()
    {
        var port = TestStorage.FreePort();
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        using var app = new RunningApp(Start(new Dictionary<string, string>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AzureWebJobsStorage"] = TestStorage.ConnectionString,
            ["Gatehouse__Keys__Pepper"] = "published-pepper-0123456789abcdefghijklmnop",
            ["GATEHOUSE_ADMIN_KEY"] = GatewayApp.AdminKey,
            ["OPENAI_API_KEY"] = "sk-test-not-used",
        }));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        // The host's readiness check: poll GET / until any HTTP answer comes back.
        await WaitUntilAnsweringAsync(http, app.Process);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        using var admin = new HttpRequestMessage(HttpMethod.Post, "/admin/tenants") { Content = JsonContent.Create(new { id = tenant, name = "Published" }) };
        admin.Headers.Authorization = new("Bearer", GatewayApp.AdminKey);
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(admin)).StatusCode);

        var requestId = $"req-{Guid.NewGuid():N}";
        var message = JsonSerializer.Serialize(new { id = $"batch-{requestId}", events = new[] { new { request_id = requestId, time = "2026-11-22T08:00:00+00:00", route = "POST /v1/chat/completions", tenant, status = 200 } } });
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject { ["msg"] = JsonSerializer.Serialize(message) },
            ["Metadata"] = new JsonObject { ["DequeueCount"] = 1, ["Id"] = Guid.NewGuid().ToString() },
        };
        using var invocation = new HttpRequestMessage(HttpMethod.Post, $"/{FunctionNames.AuditLogWriter}") { Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json") };
        invocation.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        var reply = await http.SendAsync(invocation);

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var row = await new TableClient(TestStorage.ConnectionString, "AuditLog").GetEntityIfExistsAsync<TableEntity>($"{tenant}_20261122", requestId);
        Assert.True(row.HasValue);
    }

    [Fact]
    public async Task Executable_BrokenConfig_ExitsWithEveryErrorListed()
    {
        using var running = new RunningApp(Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{TestStorage.FreePort()}",
            ["Gatehouse__Keys__Pepper"] = "too-short",
            ["Gatehouse__Providers__openai__BaseUrl"] = "http://api.openai.com/v1",
            ["GATEHOUSE_ADMIN_KEY"] = "short",
        }));
        var app = running.Process;

        Assert.True(app.WaitForExit(TimeSpan.FromSeconds(60)), "the app should refuse to start");
        var stderr = await app.StandardError.ReadToEndAsync();
        Assert.Equal(1, app.ExitCode);
        Assert.Contains("Pepper", stderr, StringComparison.Ordinal);
        Assert.Contains("Gatehouse:Storage", stderr, StringComparison.Ordinal);
        Assert.Contains("plain http is allowed only for loopback", stderr, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", stderr, StringComparison.Ordinal);
        Assert.Contains("GATEHOUSE_ADMIN_KEY", stderr, StringComparison.Ordinal);
    }

    private Process Start(Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(PathIn("Gatehouse.Functions"))
        {
            WorkingDirectory = published.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("Gatehouse", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["Gatehouse__Audit__Journal__Path"] = TestJournal.Root; // never the machine-wide default
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    private static async Task WaitUntilAnsweringAsync(HttpClient http, Process app)
    {
        for (var i = 0; i < 300; i++)
        {
            if (app.HasExited)
            {
                Assert.Fail($"the app exited: {await app.StandardError.ReadToEndAsync()}");
            }

            try
            {
                await http.GetAsync("/");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        Assert.Fail("the custom handler never answered on its port");
    }

    /// <summary>Kills the started app when the test ends, whatever happened.</summary>
    private sealed class RunningApp(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }
    }
}
