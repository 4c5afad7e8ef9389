using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Cli;

/// <summary><c>--rpm --tpm --rpd --concurrency</c> on keys, tenants and key requests, and how they read back.</summary>
public sealed class CliLimitTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly CliRunner _cli = new(fixture.App);

    [Fact]
    public async Task Keys_CreateWithLimits_GetAndJsonShowThem()
    {
        var tenant = await _cli.CreateTenantAsync();

        var created = await _cli.RunAsync("keys", "create", "--tenant", tenant, "--models", "*", "--rpm", "60", "--concurrency=4");
        var id = CliRunner.KeyId(created.Out);
        var shown = await _cli.RunAsync("keys", "get", id);
        var json = await _cli.RunAsync("keys", "get", id, "--json");
        var plain = await _cli.RunAsync("keys", "get", CliRunner.KeyId((await _cli.RunAsync("keys", "create", "--tenant", tenant, "--models", "*")).Out));

        Assert.True(created.Exit == 0, created.Err);
        Assert.Contains("limits=rpm=60,concurrency=4", shown.Out, StringComparison.Ordinal);
        Assert.Equal("""{"rpm":60,"tpm":null,"rpd":null,"concurrency":4}""", JsonNode.Parse(json.Out)!["limits"]!.ToJsonString());
        Assert.Equal(0, plain.Exit);
        Assert.DoesNotContain("limits=", plain.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_Update_ChangesTheLimitsGiven_NoneRemovesOne()
    {
        var tenant = await _cli.CreateTenantAsync();
        var id = CliRunner.KeyId((await _cli.RunAsync("keys", "create", "--tenant", tenant, "--models", "*", "--rpm", "60", "--tpm", "1000")).Out);

        var raised = await _cli.RunAsync("keys", "update", id, "--tpm", "5000", "--rpd", "100");
        var removed = await _cli.RunAsync("keys", "update", id, "--rpm", "none");

        Assert.True(raised.Exit == 0, raised.Err);
        Assert.Contains("limits=rpm=60,tpm=5000,rpd=100", raised.Out, StringComparison.Ordinal);
        Assert.True(removed.Exit == 0, removed.Err);
        Assert.Contains("limits=tpm=5000,rpd=100", removed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadLimits_NotANumberIsAUsageError_OutOfRangeIsTheApisError()
    {
        var tenant = await _cli.CreateTenantAsync();

        var word = await _cli.RunAsync("keys", "create", "--tenant", tenant, "--models", "*", "--rpm", "ten");
        var zero = await _cli.RunAsync("keys", "create", "--tenant", tenant, "--models", "*", "--rpm", "0");
        var negative = await _cli.RunAsync("tenants", "update", tenant, "--concurrency", "-1");
        var unknown = await _cli.RunAsync("admin-keys", "create", "--role", "viewer", "--rpm", "5");

        Assert.Equal(2, word.Exit);
        Assert.Contains("--rpm 'ten' is not a whole number", word.Err, StringComparison.Ordinal);
        Assert.Equal(1, zero.Exit);
        Assert.Contains("limits.rpm", zero.Err, StringComparison.Ordinal);
        Assert.Equal(1, negative.Exit);
        Assert.Contains("limits.concurrency", negative.Err, StringComparison.Ordinal);
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("--rpm is not an option of 'admin-keys create'", unknown.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenants_CreateAndUpdateLimits_RenameKeepsThem()
    {
        var tenant = AdminApi.NewTenantId();

        var created = await _cli.RunAsync("tenants", "create", "--id", tenant, "--name", "Acme", "--rpm", "600");
        var changed = await _cli.RunAsync("tenants", "update", tenant, "--tpm", "100000", "--rpm", "none");
        var renamed = await _cli.RunAsync("tenants", "update", tenant, "--name", "Acme Inc");
        var shown = await _cli.RunAsync("tenants", "get", tenant);
        var json = await _cli.RunAsync("tenants", "get", tenant, "--json");

        Assert.True(created.Exit == 0, created.Err);
        Assert.True(changed.Exit == 0, changed.Err);
        Assert.Equal(0, renamed.Exit);
        Assert.StartsWith($"{tenant}  name=Acme Inc  limits=tpm=100000  created_at=", shown.Out, StringComparison.Ordinal);
        Assert.Equal("""{"rpm":null,"tpm":100000,"rpd":null,"concurrency":null}""", JsonNode.Parse(json.Out)!["limits"]!.ToJsonString());
    }

    [Fact]
    public async Task TenantAdmin_CannotSetTenantLimits_ThroughTheCli()
    {
        var tenant = await _cli.CreateTenantAsync();
        var issued = await _cli.RunAsync("admin-keys", "create", "--role", "tenant-admin", "--tenant", tenant);

        var refused = await _cli.RunAsAsync(CliRunner.Secret(issued.Out), "tenants", "update", tenant, "--rpm", "1000000");

        Assert.Equal(1, refused.Exit);
        Assert.Contains("permission_denied", refused.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_CreateWithLimits_RequestAndApprovedKeyShowThem()
    {
        var tenant = await _cli.CreateTenantAsync();

        var filed = await _cli.RunAsync("requests", "create", "--tenant", tenant, "--models", "*", "--rpm", "30");
        var shown = await _cli.RunAsync("requests", "get", CliRunner.RequestId(filed.Out));
        await _cli.RunAsync("requests", "approve", CliRunner.RequestId(filed.Out));
        var key = await _cli.RunAsync("keys", "get", CliRunner.KeyId(filed.Out));

        Assert.True(filed.Exit == 0, filed.Err);
        Assert.Contains("limits=rpm=30", shown.Out, StringComparison.Ordinal);
        Assert.Contains("status=active", key.Out, StringComparison.Ordinal);
        Assert.Contains("limits=rpm=30", key.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_DescribesTheLimitOptions()
    {
        var help = await _cli.RunAsync("help");

        Assert.Contains("--rpm N --tpm N --rpd N --concurrency N", help.Out, StringComparison.Ordinal);
    }
}
