using System.Net;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Cli;

/// <summary><c>gatehouse requests ...</c>: a developer files through the CLI, an admin decides, the secret follows.</summary>
public sealed class CliKeyRequestTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly CliRunner _cli = new(fixture.App);

    /// <summary>A tenant and a developer credential for it, issued through the CLI.</summary>
    private async Task<(string Tenant, string Developer)> DeveloperAsync()
    {
        var tenant = await _cli.CreateTenantAsync();
        var issued = await _cli.RunAsync("admin-keys", "create", "--role", "developer", "--tenant", tenant, "--name", "dev");
        Assert.True(issued.Exit == 0, issued.Err);
        return (tenant, CliRunner.Secret(issued.Out));
    }

    [Fact]
    public async Task Create_SecretIsRefusedUntilApproved()
    {
        var (tenant, developer) = await DeveloperAsync();

        var filed = await _cli.RunAsAsync(developer, "requests", "create", "--tenant", tenant, "--models", "gpt-4o-mini", "--name", "app",
            "--justification", "search beta");
        var id = CliRunner.RequestId(filed.Out);
        var secret = CliRunner.Secret(filed.Out);
        var pendingStatus = await _cli.ModelsStatusAsync(secret);
        var pending = await _cli.RunAsync("requests", "list", "--tenant", tenant, "--status", "pending");
        var ownApproval = await _cli.RunAsAsync(developer, "requests", "approve", id);
        var approved = await _cli.RunAsync("requests", "approve", id, "--comment", "ok for beta");

        Assert.True(filed.Exit == 0, filed.Err);
        Assert.Contains("shown once", filed.Out, StringComparison.Ordinal);
        Assert.Contains("works only once the request is approved", filed.Out, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, pendingStatus);
        Assert.Contains(id, pending.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch("gh_[A-Za-z0-9_-]{43,}", pending.Out);
        Assert.Equal(1, ownApproval.Exit);
        Assert.Contains("permission_denied", ownApproval.Err, StringComparison.Ordinal);
        Assert.True(approved.Exit == 0, approved.Err);
        Assert.Contains("status=approved", approved.Out, StringComparison.Ordinal);
        Assert.Contains("comment=ok for beta", approved.Out, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await _cli.ModelsStatusAsync(secret));
    }

    [Fact]
    public async Task Reject_WithReason_RevokesThePendingKey()
    {
        var (tenant, developer) = await DeveloperAsync();
        var filed = await _cli.RunAsAsync(developer, "requests", "create", "--tenant", tenant, "--models", "*");
        var id = CliRunner.RequestId(filed.Out);

        var rejected = await _cli.RunAsync("requests", "reject", id, "--reason", "use the shared key");
        var shown = await _cli.RunAsync("requests", "get", id, "--json");
        var approveLate = await _cli.RunAsync("requests", "approve", id);

        Assert.Equal(0, rejected.Exit);
        Assert.Contains("status=rejected", rejected.Out, StringComparison.Ordinal);
        var json = JsonNode.Parse(shown.Out)!;
        Assert.Equal("rejected", json["status"]!.GetValue<string>());
        Assert.Equal("use the shared key", json["comment"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, await _cli.ModelsStatusAsync(CliRunner.Secret(filed.Out)));
        Assert.Equal(1, approveLate.Exit);
        Assert.Contains("key_request_decided", approveLate.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Json_AndUsageErrors()
    {
        var (tenant, developer) = await DeveloperAsync();
        var id = CliRunner.RequestId((await _cli.RunAsAsync(developer, "requests", "create", "--tenant", tenant, "--models", "*")).Out);

        var listed = await _cli.RunAsync("requests", "list", "--tenant", tenant, "--json");
        var noId = await _cli.RunAsync("requests", "approve");
        var noModels = await _cli.RunAsync("requests", "create", "--tenant", tenant);
        var badStatus = await _cli.RunAsync("requests", "list", "--status", "maybe");

        var request = Assert.Single(JsonNode.Parse(listed.Out)!["data"]!.AsArray());
        Assert.Equal(id, request!["id"]!.GetValue<string>());
        Assert.Equal("pending", request["status"]!.GetValue<string>());
        Assert.Equal(2, noId.Exit);
        Assert.Contains("needs a REQUEST_ID", noId.Err, StringComparison.Ordinal);
        Assert.Equal(2, noModels.Exit);
        Assert.Equal(1, badStatus.Exit);
        Assert.Contains("status", badStatus.Err, StringComparison.Ordinal);
    }
}
