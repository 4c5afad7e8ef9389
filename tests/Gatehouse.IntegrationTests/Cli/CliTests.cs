using Gatehouse.Cli;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Cli;

public sealed class CliTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--url", fixture.App.BaseUrl.ToString(), "--admin-key", GatewayApp.AdminKey], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task TenantsAndKeys_CreateListRevoke()
    {
        var tenant = $"cli-{Guid.NewGuid():N}"[..20];

        var createdTenant = await RunAsync("tenants", "create", "--id", tenant, "--name", "CLI tenant");
        var tenants = await RunAsync("tenants", "list");
        var createdKey = await RunAsync("keys", "create", "--tenant", tenant, "--models", "gpt-4o-mini", "--name", "cli-app");
        var keyId = createdKey.Out.Split(' ')[2];
        var keys = await RunAsync("keys", "list", "--tenant", tenant);
        var revoked = await RunAsync("keys", "revoke", keyId);

        Assert.Equal(0, createdTenant.Exit);
        Assert.Contains(tenant, tenants.Out, StringComparison.Ordinal);
        Assert.Equal(0, createdKey.Exit);
        Assert.Matches("gh_[A-Za-z0-9_-]{43,}", createdKey.Out);
        Assert.Contains(keyId, keys.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch("gh_[A-Za-z0-9_-]{43,}", keys.Out);
        Assert.Equal(0, revoked.Exit);
        Assert.Contains("status=revoked", revoked.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_AreClearAndExitNonZero()
    {
        var unknownTenant = await RunAsync("keys", "create", "--tenant", "nobody-here", "--models", "*");
        var missingArgs = await RunAsync("keys", "create");
        var unknownCommand = await RunAsync("widgets", "list");

        Assert.Equal(1, unknownTenant.Exit);
        Assert.Contains("no tenant 'nobody-here'", unknownTenant.Err, StringComparison.Ordinal);
        Assert.Equal(2, missingArgs.Exit);
        Assert.Equal(2, unknownCommand.Exit);
    }

    [Fact]
    public async Task WrongAdminKey_Fails()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(["tenants", "list", "--url", fixture.App.BaseUrl.ToString(), "--admin-key", "nope"], output, error);

        Assert.Equal(1, exit);
        Assert.Contains("invalid_api_key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenants_GetAndRename()
    {
        var tenant = $"cli-{Guid.NewGuid():N}"[..20];
        await RunAsync("tenants", "create", "--id", tenant, "--name", "Before");

        var renamed = await RunAsync("tenants", "update", tenant, "--name", "After");
        var shown = await RunAsync("tenants", "get", tenant);
        var missing = await RunAsync("tenants", "get", "no-such-tenant");
        var noName = await RunAsync("tenants", "update", tenant);

        Assert.Equal(0, renamed.Exit);
        Assert.StartsWith($"{tenant}  name=After", shown.Out, StringComparison.Ordinal);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("not_found", missing.Err, StringComparison.Ordinal);
        Assert.Equal(2, noName.Exit);
    }

    [Fact]
    public async Task Help_ListsEveryCommandGroup()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(["help"], output, error);

        Assert.Equal(0, exit);
        foreach (var command in new[] { "keys update", "keys rotate", "admin-keys create", "requests approve", "requests reject", "tenants update", "GATEHOUSE_ADMIN_TOKEN" })
        {
            Assert.Contains(command, output.ToString(), StringComparison.Ordinal);
        }
    }
}
