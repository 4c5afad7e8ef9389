using System.Globalization;
using System.Text.Json.Nodes;
using Gatehouse.Budgets;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Cli;

/// <summary><c>budgets set|get|clear</c> on keys and tenants, <c>--budget-usd/--budget-period</c> on create, and their errors.</summary>
public sealed class CliBudgetTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly CliRunner _cli = new(fixture.App);

    private async Task<string> CreateKeyAsync(string tenant, params string[] options) =>
        CliRunner.KeyId((await _cli.RunAsync(["keys", "create", "--tenant", tenant, "--models", "*", .. options])).Out);

    [Fact]
    public async Task Key_SetGetClear_ShowsBudgetSpentRemainingAndReset()
    {
        var tenant = await _cli.CreateTenantAsync();
        var id = await CreateKeyAsync(tenant);

        var set = await _cli.RunAsync("budgets", "set", "--key", id, "--usd", "50", "--period", "month");
        var shown = await _cli.RunAsync("keys", "get", id);
        var windows = await BudgetCounterRows.ReportAsync($"key:{id}", BudgetPeriod.Month, 12.5m);
        var spend = await _cli.RunAsync("budgets", "get", "--key", id);
        var json = await _cli.RunAsync("budgets", "get", "--key", id, "--json");
        var cleared = await _cli.RunAsync("budgets", "clear", "--key", id);
        var after = await _cli.RunAsync("budgets", "get", "--key", id);

        Assert.True(set.Exit == 0, set.Err);
        Assert.Contains($"Set the budget of key {id} to $50.00 per month.", set.Out, StringComparison.Ordinal);
        Assert.Contains("budget=usd=50,period=month", shown.Out, StringComparison.Ordinal);
        Assert.True(spend.Exit == 0, spend.Err);
        Assert.Contains($"key {id}: budget $50.00 per month (its own)", spend.Out, StringComparison.Ordinal);
        Assert.Contains("spent      $12.50", spend.Out, StringComparison.Ordinal);
        Assert.Contains("remaining  $37.50", spend.Out, StringComparison.Ordinal);
        var resets = JsonNode.Parse(json.Out)!["resets_at"]!.GetValue<string>();
        Assert.Contains(windows, w => w.End == DateTimeOffset.Parse(resets, CultureInfo.InvariantCulture));
        Assert.Contains($"resets at  {resets}", spend.Out, StringComparison.Ordinal);
        Assert.Equal(12.5m, JsonNode.Parse(json.Out)!["spent_usd"]!.GetValue<decimal>());
        Assert.True(cleared.Exit == 0, cleared.Err);
        Assert.Contains($"Removed the budget of key {id}", cleared.Out, StringComparison.Ordinal);
        Assert.Contains($"key {id} has no budget", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithBudgetOptions_KeysAndTenantsShowIt()
    {
        var tenant = AdminApi.NewTenantId();

        var createdTenant = await _cli.RunAsync("tenants", "create", "--id", tenant, "--name", "Acme", "--budget-usd", "$100", "--budget-period", "day");
        var id = await CreateKeyAsync(tenant, "--budget-usd", "7.25", "--budget-period", "day");
        var tenantShown = await _cli.RunAsync("tenants", "get", tenant);
        var keyShown = await _cli.RunAsync("keys", "get", id);
        var tenantSpend = await _cli.RunAsync("budgets", "get", "--tenant", tenant);

        Assert.True(createdTenant.Exit == 0, createdTenant.Err);
        Assert.Contains("budget=usd=100,period=day", tenantShown.Out, StringComparison.Ordinal);
        Assert.Contains("budget=usd=7.25,period=day", keyShown.Out, StringComparison.Ordinal);
        Assert.Contains($"tenant {tenant}: budget $100.00 per day (its own)", tenantSpend.Out, StringComparison.Ordinal);
        Assert.Contains("spent      $0.00", tenantSpend.Out, StringComparison.Ordinal);
        Assert.Contains("remaining  $100.00", tenantSpend.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantAdmin_SetsItsKeysBudget_ButNotItsTenants()
    {
        var tenant = await _cli.CreateTenantAsync();
        var id = await CreateKeyAsync(tenant);
        var secret = CliRunner.Secret((await _cli.RunAsync("admin-keys", "create", "--role", "tenant-admin", "--tenant", tenant)).Out);

        var key = await _cli.RunAsAsync(secret, "budgets", "set", "--key", id, "--usd", "5", "--period", "day");
        var own = await _cli.RunAsAsync(secret, "budgets", "set", "--tenant", tenant, "--usd", "1000000", "--period", "month");
        var ownClear = await _cli.RunAsAsync(secret, "budgets", "clear", "--tenant", tenant);

        Assert.True(key.Exit == 0, key.Err);
        Assert.Equal(1, own.Exit);
        Assert.Contains("permission_denied", own.Err, StringComparison.Ordinal);
        Assert.Equal(1, ownClear.Exit);
        Assert.Contains("permission_denied", ownClear.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadCommandLines_AreUsageErrors_OutOfRangeIsTheApisError()
    {
        var tenant = await _cli.CreateTenantAsync();
        var id = await CreateKeyAsync(tenant);

        var word = await _cli.RunAsync("budgets", "set", "--key", id, "--usd", "ten", "--period", "day");
        var noPeriod = await _cli.RunAsync("budgets", "set", "--key", id, "--usd", "5");
        var noScope = await _cli.RunAsync("budgets", "get");
        var bothScopes = await _cli.RunAsync("budgets", "get", "--key", id, "--tenant", tenant);
        var wrongOption = await _cli.RunAsync("budgets", "get", "--key", id, "--usd", "5");
        var wrongVerb = await _cli.RunAsync("budgets", "raise", "--key", id);
        var halfOnCreate = await _cli.RunAsync("keys", "create", "--tenant", tenant, "--models", "*", "--budget-usd", "5");
        var zero = await _cli.RunAsync("budgets", "set", "--key", id, "--usd", "0", "--period", "day");
        var week = await _cli.RunAsync("budgets", "set", "--key", id, "--usd", "5", "--period", "week");

        Assert.Equal(2, word.Exit);
        Assert.Contains("--usd 'ten' is not an amount in US dollars", word.Err, StringComparison.Ordinal);
        Assert.Equal(2, noPeriod.Exit);
        Assert.Contains("budgets set needs --usd AMOUNT and --period day|month", noPeriod.Err, StringComparison.Ordinal);
        Assert.Equal(2, noScope.Exit);
        Assert.Contains("needs --key KEY_ID or --tenant ID", noScope.Err, StringComparison.Ordinal);
        Assert.Contains("budgets clear (--key KEY_ID | --tenant ID)", noScope.Err, StringComparison.Ordinal);
        Assert.Equal(2, bothScopes.Exit);
        Assert.Equal(2, wrongOption.Exit);
        Assert.Contains("--usd is not an option of 'budgets get'", wrongOption.Err, StringComparison.Ordinal);
        Assert.Equal(2, wrongVerb.Exit);
        Assert.Contains("expected set, get or clear", wrongVerb.Err, StringComparison.Ordinal);
        Assert.Equal(2, halfOnCreate.Exit);
        Assert.Contains("give --budget-usd and --budget-period together", halfOnCreate.Err, StringComparison.Ordinal);
        Assert.Equal(1, zero.Exit);
        Assert.Contains("budget.usd", zero.Err, StringComparison.Ordinal);
        Assert.Equal(1, week.Exit);
        Assert.Contains("budget.period", week.Err, StringComparison.Ordinal);
        Assert.Contains($"key {id} has no budget", (await _cli.RunAsync("budgets", "get", "--key", id)).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownKey_IsTheApisNotFound()
    {
        var missing = await _cli.RunAsync("budgets", "get", "--key", "key_aaaaaaaaaaaaaaaaaaaa");

        Assert.Equal(1, missing.Exit);
        Assert.Contains("not_found", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_DescribesBudgets()
    {
        var help = await _cli.RunAsync("help");

        Assert.Contains("budgets set (--key KEY_ID | --tenant ID) --usd AMOUNT --period day|month", help.Out, StringComparison.Ordinal);
        Assert.Contains("--budget-usd AMOUNT --budget-period day|month", help.Out, StringComparison.Ordinal);
    }
}
