using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Gatehouse.IntegrationTests.Cli;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.IntegrationTests.Rollups;

/// <summary>
/// End to end: requests through the gateway (answered, failed, failed over, blocked, refused) become usage records,
/// the queue poller rolls them up, and the spend endpoint and <c>report spend</c> read them back.
/// </summary>
public sealed class SpendReportTests(SpendReportTests.Fixture fixture) : IClassFixture<SpendReportTests.Fixture>
{
    private static readonly string Today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Requests_AnsweredFailedAndBlocked_RolledUpAndReported()
    {
        var (tenant, keyId, costs, allCosts) = await fixture.TrafficAsync();

        var rows = await fixture.DayRowsAsync(tenant);
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        var report = await admin.GetOkAsync($"/admin/tenants/{tenant}/spend?days=1");
        var byModel = await admin.GetOkAsync($"/admin/tenants/{tenant}/spend?days=7&by=model");

        Assert.Equal(["failing", "fails-over", "gpt-4o-mini"], rows.Keys.Order(StringComparer.Ordinal));
        var chat = rows["gpt-4o-mini"];
        Assert.Equal((3L, 1L, 1L, 0L), (chat.Requests, chat.Errors, chat.Blocked, chat.FailedOver));
        Assert.Equal(costs, decimal.Parse(chat.CostUsd, CultureInfo.InvariantCulture));
        Assert.Equal(3, chat.Counts().Latency.Sum());
        Assert.Equal((1L, 1L, 0L, "0"), (rows["failing"].Requests, rows["failing"].Errors, rows["failing"].PromptTokens, rows["failing"].CostUsd));
        Assert.Equal((1L, 0L, 1L), (rows["fails-over"].Requests, rows["fails-over"].Errors, rows["fails-over"].FailedOver));

        Assert.Equal(tenant, report["tenant"]!.GetValue<string>());
        var lines = report["rows"]!.AsArray();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal((Today, keyId), (l!["day"]!.GetValue<string>(), l["key_id"]!.GetValue<string>())));
        var chatLine = lines.Single(l => l!["model"]!.GetValue<string>() == "gpt-4o-mini")!;
        Assert.Equal((3, 1, 1), (chatLine["requests"]!.GetValue<int>(), chatLine["errors"]!.GetValue<int>(), chatLine["blocked"]!.GetValue<int>()));
        Assert.Equal(chat.PromptTokens, chatLine["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(chat.CompletionTokens, chatLine["completion_tokens"]!.GetValue<long>());
        Assert.True(chatLine["latency_p50_ms"]!.GetValue<double>() > 0);
        Assert.True(chatLine["latency_p95_ms"]!.GetValue<double>() >= chatLine["latency_p50_ms"]!.GetValue<double>());
        var total = report["total"]!;
        Assert.Equal((5, 2, allCosts), (total["requests"]!.GetValue<int>(), total["errors"]!.GetValue<int>(), total["cost_usd"]!.GetValue<decimal>()));
        Assert.Null(total["day"]);
        Assert.Equal(DateTimeOffset.Parse(Today, CultureInfo.InvariantCulture), DateTimeOffset.Parse(report["from"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Equal(
            ["failing", "fails-over", "gpt-4o-mini"],
            byModel["rows"]!.AsArray().Select(l => l!["model"]!.GetValue<string>()));
        Assert.All(byModel["rows"]!.AsArray(), l => Assert.Null(l!["day"]));

        var cli = new CliRunner(fixture.App);
        var table = await cli.RunAsync("report", "spend", "--tenant", tenant, "--days", "1");
        var json = await cli.RunAsync("report", "spend", "--tenant", tenant, "--by", "model", "--json");
        Assert.True(table.Exit == 0, table.Err);
        var printed = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith($"Spend of tenant {tenant} from {Today}", printed[0], StringComparison.Ordinal);
        Assert.Matches(@"^DAY\s+KEY_ID\s+MODEL\s+REQUESTS\s+ERRORS\s+BLOCKED\s+PROMPT_TOKENS\s+COMPLETION_TOKENS\s+COST_USD\s+LATENCY_P50_MS\s+LATENCY_P95_MS$", printed[1]);
        Assert.Matches($@"^{Today}\s+{keyId}\s+gpt-4o-mini\s+3\s+1\s+1\s+{chat.PromptTokens}\s+{chat.CompletionTokens}\s+0\.[0-9]+\s", printed[4]);
        Assert.Matches($@"^TOTAL\s+5\s+2\s+1\s", printed[5]);
        Assert.Equal(6, printed.Length);
        Assert.True(json.Exit == 0, json.Err);
        Assert.Equal(3, JsonNode.Parse(json.Out)!["rows"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("days=0", "days")]
    [InlineData("days=94", "days")]
    [InlineData("days=seven", "days")]
    [InlineData("days=-1", "days")]
    [InlineData("by=week", "by")]
    public async Task Spend_BadParameter_400InTheErrorEnvelope(string query, string param)
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();

        await ErrorAssert.IsErrorAsync(await admin.GetAsync($"/admin/tenants/{tenant}/spend?{query}"), HttpStatusCode.BadRequest, "invalid_value", param);
    }

    [Fact]
    public async Task Spend_Roles_ReadersOfTheTenantOnly()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);
        var (acme, globex) = (await admin.CreateTenantAsync(), await admin.CreateTenantAsync());
        using var viewer = new AdminApi(fixture.App, (await admin.CreateAdminKeyAsync("viewer")).Secret);
        using var tenantAdmin = new AdminApi(fixture.App, (await admin.CreateAdminKeyAsync("tenant-admin", acme)).Secret);
        using var developer = new AdminApi(fixture.App, (await admin.CreateAdminKeyAsync("developer", acme)).Secret);

        var empty = await viewer.GetOkAsync($"/admin/tenants/{acme}/spend");
        var own = await tenantAdmin.GetOkAsync($"/admin/tenants/{acme}/spend?days=93");

        Assert.Empty(empty["rows"]!.AsArray());
        Assert.Equal(0, empty["total"]!["requests"]!.GetValue<int>());
        Assert.Null(empty["total"]!["latency_p50_ms"]);
        Assert.Equal(acme, own["tenant"]!.GetValue<string>());
        await ErrorAssert.IsErrorAsync(await tenantAdmin.GetAsync($"/admin/tenants/{globex}/spend"), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await developer.GetAsync($"/admin/tenants/{acme}/spend"), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await admin.GetAsync($"/admin/tenants/{AdminApi.NewTenantId()}/spend"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ReportCommand_WrongCommandLine_Exit2WithUsage()
    {
        var cli = new CliRunner(fixture.App);

        var noVerb = await cli.RunAsync("report");
        var noTenant = await cli.RunAsync("report", "spend", "--days", "3");
        var unknown = await cli.RunAsync("report", "spend", "--tenant", "acme", "--month", "11");
        var refused = await cli.RunAsync("report", "spend", "--tenant", "acme", "--days", "400");

        Assert.Equal((2, 2, 2), (noVerb.Exit, noTenant.Exit, unknown.Exit));
        Assert.Contains("report spend --tenant ID", noTenant.Err, StringComparison.Ordinal);
        Assert.Contains("--month is not an option", unknown.Err, StringComparison.Ordinal);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("not_found", refused.Err, StringComparison.Ordinal); // no such tenant: checked before the days
    }

    public sealed class Fixture : GatewayFixture
    {
        private readonly TableClient _table = new(TestStorage.ConnectionString, TableNames.UsageRollups);

        protected override IDictionary<string, string?> Settings => Pricing.For("gpt-4o-mini-2024-07-18")
            .With("Gatehouse:Guardrails:DenyList:Terms:0", "forbidden-word")
            .With("Gatehouse:Guardrails:Policies:gpt-4o-mini:Rules:0:Type", "DENY_TERM")
            .With("Gatehouse:Guardrails:Policies:gpt-4o-mini:Rules:0:Action", "block")
            .With("Gatehouse:Models:fails-over:Deployments:0:Provider", "fake")
            .With("Gatehouse:Models:fails-over:Deployments:0:Model", "fail-500")
            .With("Gatehouse:Models:fails-over:Deployments:1:Provider", "fake")
            .With("Gatehouse:Models:fails-over:Deployments:1:Model", "gpt-4o-mini-2024-07-18");

        /// <summary>
        /// On a fresh key: two answered chats and one blocked on <c>gpt-4o-mini</c>, one failing, one failed over,
        /// one for an unknown alias. Returns the tenant, the key, what the two answered chats cost, and what all cost.
        /// </summary>
        public async Task<(string Tenant, string KeyId, decimal ChatCosts, decimal AllCosts)> TrafficAsync()
        {
            var (keyId, secret, tenant) = await App.CreateKeyAsync();
            using var client = App.CreateClient(secret);
            var costs = 0m;
            foreach (var text in new[] { "Say hello", "Say goodbye" })
            {
                using var ok = await ChatAsync(client, "gpt-4o-mini", text);
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
                costs += Cost(ok);
            }

            using var blocked = await ChatAsync(client, "gpt-4o-mini", "Tell me the forbidden-word");
            using var failing = await ChatAsync(client, "failing", "Say hello");
            using var failedOver = await ChatAsync(client, "fails-over", "Say hello");
            using var unknown = await ChatAsync(client, "no-such-model", "Say hello");
            Assert.Equal(
                [HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.NotFound],
                new[] { blocked.StatusCode, failedOver.StatusCode, unknown.StatusCode });
            Assert.True((int)failing.StatusCode >= 500, $"{failing.StatusCode}");
            return (tenant, keyId, costs, costs + Cost(failedOver));
        }

        /// <summary>The tenant's day rows by model, once the five counted requests have been rolled up.</summary>
        public async Task<Dictionary<string, RollupEntity>> DayRowsAsync(string tenant)
        {
            Dictionary<string, RollupEntity> rows = [];
            Assert.True(await Eventually.TrueAsync(async () =>
            {
                rows = await _table.QueryAsync<RollupEntity>(r => r.PartitionKey == tenant && r.Period == "day").ToDictionaryAsync(r => r.Model, r => r);
                return rows.Values.Sum(r => r.Requests) >= 5;
            }, TimeSpan.FromSeconds(60)), $"rolled up: {string.Join(", ", rows.Select(r => $"{r.Key}={r.Value.Requests}"))}");
            return rows;
        }

        private static decimal Cost(HttpResponseMessage response) =>
            decimal.Parse(response.Headers.GetValues("x-gatehouse-cost-usd").Single(), CultureInfo.InvariantCulture);

        private static Task<HttpResponseMessage> ChatAsync(HttpClient client, string model, string text) =>
            client.PostAsJsonAsync("/v1/chat/completions", new { model, messages = new[] { new { role = "user", content = text } } });
    }
}
