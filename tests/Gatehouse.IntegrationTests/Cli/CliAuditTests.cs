using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Audit;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Cli;

/// <summary><c>audit verify</c>: exit 0 and OK on an intact day, exit 1 and each problem on a tampered one, exit 2 on a bad command line.</summary>
public sealed class CliAuditTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly CliRunner _cli = new(fixture.App);

    [Fact]
    public async Task AuditVerify_IntactThenTampered_ExitsZeroThenOneWithTheProblem()
    {
        var (tenant, rows) = await AuditVerifyEndpointTests.SeedAsync(fixture.App);

        var intact = await _cli.RunAsync("audit", "verify", "--tenant", tenant, "--day", AuditSamples.DayText);
        await AuditVerifyEndpointTests.EditStatusAsync(rows[0]);
        var tampered = await _cli.RunAsync("audit", "verify", "--tenant", tenant, "--day", AuditSamples.DayText);
        var json = await _cli.RunAsync("audit", "verify", "--tenant", tenant, "--day", AuditSamples.DayText, "--json");

        Assert.True(intact.Exit == 0, intact.Err + intact.Out);
        Assert.Contains("3 records checked", intact.Out, StringComparison.Ordinal);
        Assert.Contains($"head hash {rows[2].GetString("Hash")}", intact.Out, StringComparison.Ordinal);
        Assert.Contains("OK:", intact.Out, StringComparison.Ordinal);
        Assert.Equal(1, tampered.Exit);
        Assert.Contains("TAMPERED: 1 problem(s)", tampered.Out, StringComparison.Ordinal);
        Assert.Contains("edited", tampered.Out, StringComparison.Ordinal);
        Assert.Contains(rows[0].RowKey, tampered.Out, StringComparison.Ordinal);
        Assert.Equal(1, json.Exit);
        Assert.False(JsonNode.Parse(json.Out)!["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AuditVerify_BadCommandLine_ExitsTwo()
    {
        var noDay = await _cli.RunAsync("audit", "verify", "--tenant", "acme");
        var badDay = await _cli.RunAsync("audit", "verify", "--tenant", "acme", "--day", "2026-13-01");
        var unknownSub = await _cli.RunAsync("audit", "check");
        var unknownOption = await _cli.RunAsync("audit", "verify", "--tenant", "acme", "--day", AuditSamples.DayText, "--since", "x");

        Assert.Equal(2, noDay.Exit);
        Assert.Contains("needs --tenant ID and --day", noDay.Err, StringComparison.Ordinal);
        Assert.Equal(2, badDay.Exit);
        Assert.Equal(2, unknownSub.Exit);
        Assert.Equal(2, unknownOption.Exit);
    }

    [Fact]
    public async Task AuditVerify_GatewayRefuses_ExitsOne()
    {
        var refused = await _cli.RunAsAsync("not-a-key", "audit", "verify", "--tenant", "acme", "--day", AuditSamples.DayText);

        Assert.Equal(1, refused.Exit);
        Assert.Contains("error:", refused.Err, StringComparison.Ordinal);
    }
}
