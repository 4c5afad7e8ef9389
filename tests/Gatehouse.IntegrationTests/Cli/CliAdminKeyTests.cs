using System.Diagnostics;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Cli;

/// <summary><c>gatehouse admin-keys ...</c>, and an issued admin key used by the CLI through GATEHOUSE_ADMIN_TOKEN.</summary>
public sealed class CliAdminKeyTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly CliRunner _cli = new(fixture.App);

    [Fact]
    public async Task Create_ThenList_NeverShowsTheSecretAgain()
    {
        var tenant = await _cli.CreateTenantAsync();

        var created = await _cli.RunAsync("admin-keys", "create", "--role", "tenant-admin", "--tenant", tenant, "--name", "ops");
        var id = CliRunner.KeyId(created.Out);
        var listed = await _cli.RunAsync("admin-keys", "list");
        var json = JsonNode.Parse((await _cli.RunAsync("admin-keys", "list", "--json")).Out)!;

        Assert.True(created.Exit == 0, created.Err);
        Assert.Contains($"role tenant-admin, tenant {tenant}", created.Out, StringComparison.Ordinal);
        Assert.Contains("shown once", created.Out, StringComparison.Ordinal);
        Assert.NotEmpty(CliRunner.Secret(created.Out));
        Assert.Contains(id, listed.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch("gh_[A-Za-z0-9_-]{43,}", listed.Out);
        Assert.Contains(json["data"]!.AsArray(), k => k!["id"]!.GetValue<string>() == id && k["role"]!.GetValue<string>() == "tenant-admin");
    }

    [Fact]
    public async Task Create_TenantAdminWithoutTenant_ShowsTheApiError()
    {
        var created = await _cli.RunAsync("admin-keys", "create", "--role", "tenant-admin");
        var noRole = await _cli.RunAsync("admin-keys", "create", "--name", "x");

        Assert.Equal(1, created.Exit);
        Assert.Contains("tenant", created.Err, StringComparison.Ordinal);
        Assert.Equal(2, noRole.Exit);
        Assert.Contains("needs --role", noRole.Err, StringComparison.Ordinal);
    }

    /// <summary>Runs the built executable so the variable is read from a real environment, as from a shell.</summary>
    [Fact]
    public async Task AdminToken_FromTheEnvironment_ActsWithThatKeysRole()
    {
        var mine = await _cli.CreateTenantAsync();
        var other = await _cli.CreateTenantAsync();
        var myKey = CliRunner.KeyId((await _cli.RunAsync("keys", "create", "--tenant", mine, "--models", "*")).Out);
        var otherKey = CliRunner.KeyId((await _cli.RunAsync("keys", "create", "--tenant", other, "--models", "*")).Out);
        var token = CliRunner.Secret((await _cli.RunAsync("admin-keys", "create", "--role", "tenant-admin", "--tenant", mine)).Out);

        // The token wins over a GATEHOUSE_ADMIN_KEY left in the environment (./gatehouse fills that one in).
        var (exit, output, error) = await RunProcessAsync(
            new() { ["GATEHOUSE_ADMIN_TOKEN"] = token, ["GATEHOUSE_ADMIN_KEY"] = "not-the-key" }, "keys", "list");
        var (deniedExit, _, denied) = await RunProcessAsync(new() { ["GATEHOUSE_ADMIN_TOKEN"] = token }, "admin-keys", "list");
        var (noneExit, _, none) = await RunProcessAsync(new() { ["GATEHOUSE_ADMIN_TOKEN"] = null, ["GATEHOUSE_ADMIN_KEY"] = null }, "keys", "list");

        Assert.True(exit == 0, error);
        Assert.Contains(myKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(otherKey, output, StringComparison.Ordinal);
        Assert.Equal(1, deniedExit);
        Assert.Contains("permission_denied", denied, StringComparison.Ordinal);
        Assert.Equal(2, noneExit);
        Assert.Contains("GATEHOUSE_ADMIN_TOKEN", none, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Out, string Err)> RunProcessAsync(Dictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gatehouse.Functions.dll"));
        foreach (var arg in args.Concat(["--url", fixture.App.BaseUrl.ToString()]))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
