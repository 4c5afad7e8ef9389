using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Gatehouse.Budgets;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Limits;

namespace Gatehouse.IntegrationTests.Admin;

/// <summary>
/// Budgets on keys and tenants: stored, read back, replaced and cleared by PATCH, validated, guarded like limits (a
/// tenant admin cannot lift its own tenant's cap), and the spend read (<c>GET …/budget</c>) against counter rows
/// written as instances would. The second gateway has configured defaults. Enforcement is the proxy's, tested there.
/// </summary>
public sealed class BudgetSettingsTests(GatewayFixture fixture, BudgetSettingsTests.WithDefaults defaults)
    : IClassFixture<GatewayFixture>, IClassFixture<BudgetSettingsTests.WithDefaults>
{
    public sealed class WithDefaults : GatewayFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Gatehouse:Budgets:Key:Usd"] = "5",
            ["Gatehouse:Budgets:Key:Period"] = "Day",
            ["Gatehouse:Budgets:Tenant:Usd"] = "1000",
        };
    }

    private AdminApi Bootstrap() => new(fixture.App, GatewayApp.AdminKey);

    private static string? BudgetOf(JsonNode node) => node["budget"]?.ToJsonString();

    [Fact]
    public async Task Key_BudgetSetOnCreate_IsReadBack_AndDefaultsToNull()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();

        var created = await admin.PostOkAsync("/admin/keys", new { tenant, name = "app", models = new[] { "*" }, budget = new { usd = 50, period = "month" } });
        var plain = await admin.PostOkAsync("/admin/keys", new { tenant, name = "plain", models = new[] { "*" } });
        var listed = await admin.GetOkAsync($"/admin/keys?tenant={tenant}");

        const string Expected = """{"usd":50,"period":"month"}""";
        Assert.Equal(Expected, BudgetOf(created));
        Assert.Equal(Expected, BudgetOf(await admin.GetOkAsync($"/admin/keys/{created["id"]}")));
        Assert.True(plain.AsObject().ContainsKey("budget"));
        Assert.Null(BudgetOf(plain));
        Assert.Contains(listed["data"]!.AsArray(), k => k!["id"]!.GetValue<string>() == created["id"]!.GetValue<string>() && BudgetOf(k) == Expected);
    }

    [Fact]
    public async Task Key_Patch_ReplacesTheBudget_AbsentKeepsIt_NullClearsIt()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var created = await admin.PostOkAsync("/admin/keys", new { tenant, name = "app", models = new[] { "*" }, limits = new { rpm = 60 }, budget = new { usd = 10, period = "day" } });
        var path = $"/admin/keys/{created["id"]}";

        var replaced = await admin.PatchAsync(path, new { budget = new { usd = 25.50m, period = "month" } });
        var afterReplace = await admin.GetOkAsync(path);
        var renamed = await admin.PatchAsync(path, new { name = "renamed", limits = new { rpm = 120 } });
        var afterRename = await admin.GetOkAsync(path);
        var cleared = await admin.PatchAsync(path, new { budget = (object?)null });
        var afterClear = await admin.GetOkAsync(path);

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("""{"usd":25.5,"period":"month"}""", BudgetOf(afterReplace));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(BudgetOf(afterReplace), BudgetOf(afterRename));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Null(BudgetOf(JsonNode.Parse(await cleared.Content.ReadAsStringAsync())!));
        Assert.Null(BudgetOf(afterClear));
        Assert.Equal(120, afterClear["limits"]!["rpm"]!.GetValue<int>());
    }

    public static TheoryData<string, string, string> BadBudgets => new()
    {
        { """{"usd":0,"period":"day"}""", "invalid_value", "budget.usd" },
        { """{"usd":-5,"period":"day"}""", "invalid_value", "budget.usd" },
        { """{"usd":1000000000.000001,"period":"day"}""", "invalid_value", "budget.usd" },
        { """{"usd":1e12,"period":"month"}""", "invalid_value", "budget.usd" },
        { """{"usd":0.0000001,"period":"day"}""", "invalid_value", "budget.usd" },
        { """{"usd":12.3456789,"period":"day"}""", "invalid_value", "budget.usd" },
        { """{"usd":"fifty","period":"day"}""", "invalid_type", "budget.usd" },
        { """{"usd":null,"period":"day"}""", "missing_required_parameter", "budget.usd" },
        { """{"period":"day"}""", "missing_required_parameter", "budget.usd" },
        { """{"usd":5}""", "missing_required_parameter", "budget.period" },
        { """{"usd":5,"period":"week"}""", "invalid_value", "budget.period" },
        { """{"usd":5,"period":"Day"}""", "invalid_value", "budget.period" },
        { """{"usd":5,"period":30}""", "invalid_type", "budget.period" },
        { """{"usd":5,"period":"day","currency":"eur"}""", "invalid_value", "budget.currency" },
        { "\"fifty\"", "invalid_type", "budget" },
        { "[50,\"day\"]", "invalid_type", "budget" },
    };

    [Theory]
    [MemberData(nameof(BadBudgets))]
    public async Task BadBudgets_Return400NamingTheField_OnEveryWrite_AndWriteNothing(string budget, string code, string param)
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var (keyId, _) = await admin.CreateKeyAsync(tenant);
        var newTenant = AdminApi.NewTenantId();

        var writes = new[]
        {
            await admin.PostRawAsync("/admin/keys", $$"""{"tenant":"{{tenant}}","name":"x","models":["*"],"budget":{{budget}}}"""),
            await PatchRawAsync(admin, $"/admin/keys/{keyId}", $$"""{"name":"changed","budget":{{budget}}}"""),
            await admin.PostRawAsync("/admin/tenants", $$"""{"id":"{{newTenant}}","name":"x","budget":{{budget}}}"""),
            await PatchRawAsync(admin, $"/admin/tenants/{tenant}", $$"""{"name":"changed","budget":{{budget}}}"""),
        };

        foreach (var response in writes)
        {
            await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, code, param);
        }

        var key = await admin.GetOkAsync($"/admin/keys/{keyId}");
        var shownTenant = await admin.GetOkAsync($"/admin/tenants/{tenant}");
        Assert.Single((await admin.GetOkAsync($"/admin/keys?tenant={tenant}"))["data"]!.AsArray());
        Assert.Null(BudgetOf(key));
        Assert.Equal("app", key["name"]!.GetValue<string>());
        Assert.Null(BudgetOf(shownTenant));
        Assert.Equal("Test tenant", shownTenant["name"]!.GetValue<string>());
        await ErrorAssert.IsErrorAsync(await admin.GetAsync($"/admin/tenants/{newTenant}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Amounts_UpToSixDecimals_AndTheMaximum_AreAccepted()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();

        var fine = await admin.PostOkAsync("/admin/keys", new { tenant, name = "fine", models = new[] { "*" }, budget = new { usd = 0.000001m, period = "day" } });
        var trailingZeros = await admin.PostRawAsync("/admin/keys", $$$"""{"tenant":"{{{tenant}}}","name":"zeros","models":["*"],"budget":{"usd":12.50000000,"period":"day"}}""");
        var max = await admin.PostOkAsync("/admin/keys", new { tenant, name = "max", models = new[] { "*" }, budget = new { usd = Budget.MaxUsd, period = "month" } });

        Assert.Equal("""{"usd":0.000001,"period":"day"}""", BudgetOf(fine));
        Assert.Equal(HttpStatusCode.Created, trailingZeros.StatusCode);
        Assert.Equal("""{"usd":12.5,"period":"day"}""", BudgetOf(JsonNode.Parse(await trailingZeros.Content.ReadAsStringAsync())!));
        Assert.Equal("""{"usd":1000000000,"period":"month"}""", BudgetOf(max));
    }

    [Fact]
    public async Task Tenant_BudgetOnCreateAndPatch_ByAnAdmin_RenameKeepsIt_NullClearsIt()
    {
        using var admin = Bootstrap();
        var tenant = AdminApi.NewTenantId();

        var created = await admin.PostOkAsync("/admin/tenants", new { id = tenant, name = "Acme", budget = new { usd = 500, period = "month" } });
        var patched = await admin.PatchAsync($"/admin/tenants/{tenant}", new { budget = new { usd = 40, period = "day" } });
        var renamed = await admin.PatchAsync($"/admin/tenants/{tenant}", new { name = "Acme Inc" });
        var shown = await admin.GetOkAsync($"/admin/tenants/{tenant}");
        var listed = await admin.GetOkAsync("/admin/tenants");
        var cleared = await admin.PatchAsync($"/admin/tenants/{tenant}", new { budget = (object?)null });

        Assert.Equal("""{"usd":500,"period":"month"}""", BudgetOf(created));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Acme Inc", shown["name"]!.GetValue<string>());
        Assert.Equal("""{"usd":40,"period":"day"}""", BudgetOf(shown));
        Assert.Contains(listed["data"]!.AsArray(), t => t!["id"]!.GetValue<string>() == tenant && BudgetOf(t) == BudgetOf(shown));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Null(BudgetOf(await admin.GetOkAsync($"/admin/tenants/{tenant}")));
    }

    [Fact]
    public async Task TenantAdmin_CannotSetItsTenantsBudget_ButSetsItsKeysBudget_AndReadsOnlyItsOwn()
    {
        using var admin = Bootstrap();
        var tenant = AdminApi.NewTenantId();
        await admin.PostOkAsync("/admin/tenants", new { id = tenant, name = "Acme", budget = new { usd = 100, period = "month" } });
        var other = await admin.CreateTenantAsync();
        var (otherKeyId, _) = await admin.CreateKeyAsync(other);
        var (_, secret) = await admin.CreateAdminKeyAsync("tenant-admin", tenant);
        using var tenantAdmin = new AdminApi(fixture.App, secret);

        var raise = await tenantAdmin.PatchAsync($"/admin/tenants/{tenant}", new { budget = new { usd = 1_000_000, period = "month" } });
        var liftWhileRenaming = await tenantAdmin.PatchAsync($"/admin/tenants/{tenant}", new { name = "Sneaky", budget = (object?)null });
        var key = await tenantAdmin.PostOkAsync("/admin/keys", new { tenant, name = "app", models = new[] { "*" }, budget = new { usd = 10, period = "day" } });
        var keyPatch = await tenantAdmin.PatchAsync($"/admin/keys/{key["id"]}", new { budget = new { usd = 20, period = "day" } });
        var otherKeyPatch = await tenantAdmin.PatchAsync($"/admin/keys/{otherKeyId}", new { budget = new { usd = 20, period = "day" } });
        var ownTenantSpend = await tenantAdmin.GetAsync($"/admin/tenants/{tenant}/budget");

        await ErrorAssert.IsErrorAsync(raise, HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(liftWhileRenaming, HttpStatusCode.Forbidden, "permission_denied");
        var shown = await admin.GetOkAsync($"/admin/tenants/{tenant}");
        Assert.Equal("Acme", shown["name"]!.GetValue<string>());
        Assert.Equal("""{"usd":100,"period":"month"}""", BudgetOf(shown));
        Assert.Equal(HttpStatusCode.OK, keyPatch.StatusCode);
        Assert.Equal("""{"usd":20,"period":"day"}""", BudgetOf(await admin.GetOkAsync($"/admin/keys/{key["id"]}")));
        await ErrorAssert.IsErrorAsync(otherKeyPatch, HttpStatusCode.NotFound, "not_found");
        Assert.Null(BudgetOf(await admin.GetOkAsync($"/admin/keys/{otherKeyId}")));
        Assert.Equal(HttpStatusCode.OK, ownTenantSpend.StatusCode);
        await ErrorAssert.IsErrorAsync(await tenantAdmin.GetAsync($"/admin/keys/{otherKeyId}/budget"), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await tenantAdmin.GetAsync($"/admin/tenants/{other}/budget"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Viewer_ReadsSpend_ButCannotSetBudgets_DeveloperReadsNeither()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var (keyId, _) = await admin.CreateKeyAsync(tenant);
        var (_, viewerSecret) = await admin.CreateAdminKeyAsync("viewer", tenant);
        var (_, developerSecret) = await admin.CreateAdminKeyAsync("developer", tenant);
        using var viewer = new AdminApi(fixture.App, viewerSecret);
        using var developer = new AdminApi(fixture.App, developerSecret);

        await ErrorAssert.IsErrorAsync(await viewer.PatchAsync($"/admin/keys/{keyId}", new { budget = new { usd = 5, period = "day" } }), HttpStatusCode.Forbidden, "permission_denied");
        await ErrorAssert.IsErrorAsync(await viewer.PatchAsync($"/admin/tenants/{tenant}", new { budget = new { usd = 5, period = "day" } }), HttpStatusCode.Forbidden, "permission_denied");
        Assert.Null(BudgetOf(await admin.GetOkAsync($"/admin/keys/{keyId}")));
        Assert.Null(BudgetOf(await admin.GetOkAsync($"/admin/tenants/{tenant}")));
        Assert.Equal("""{"budget":null,"source":null}""", (await viewer.GetOkAsync($"/admin/keys/{keyId}/budget")).ToJsonString());
        Assert.Equal("""{"budget":null,"source":null}""", (await viewer.GetOkAsync($"/admin/tenants/{tenant}/budget")).ToJsonString());
        await ErrorAssert.IsErrorAsync(await developer.GetAsync($"/admin/keys/{keyId}/budget"), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await developer.GetAsync($"/admin/tenants/{tenant}/budget"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AdminKey_RefusesABudget_AndHasNone()
    {
        using var admin = Bootstrap();
        var (adminKeyId, _) = await admin.CreateAdminKeyAsync("viewer");

        await ErrorAssert.IsErrorAsync(await admin.PatchAsync($"/admin/keys/{adminKeyId}", new { budget = new { usd = 5, period = "day" } }), HttpStatusCode.BadRequest, "invalid_value", "budget");
        Assert.Equal("""{"budget":null,"source":null}""", (await admin.GetOkAsync($"/admin/keys/{adminKeyId}/budget")).ToJsonString());
    }

    [Fact]
    public async Task KeyRequest_RefusesABudget_AsAnUnknownField()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();

        var filed = await admin.PostAsync("/admin/key-requests", new { tenant, name = "app", models = new[] { "*" }, budget = new { usd = 5, period = "day" } });

        await ErrorAssert.IsErrorAsync(filed, HttpStatusCode.BadRequest, "invalid_value", "budget");
        Assert.Empty((await admin.GetOkAsync($"/admin/key-requests?tenant={tenant}"))["data"]!.AsArray());
    }

    [Fact]
    public async Task KeySpend_ReportsWhatInstancesReported_AgainstItsOwnDailyBudget()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var key = await admin.PostOkAsync("/admin/keys", new { tenant, name = "app", models = new[] { "*" }, budget = new { usd = 50, period = "day" } });
        var keyId = key["id"]!.GetValue<string>();

        var windows = await BudgetCounterRows.ReportAsync($"key:{keyId}", BudgetPeriod.Day, 12.34m);
        var spend = await admin.GetOkAsync($"/admin/keys/{keyId}/budget");

        Assert.Equal("""{"usd":50,"period":"day"}""", BudgetOf(spend));
        Assert.Equal("key", spend["source"]!.GetValue<string>());
        Assert.Equal(12.34m, spend["spent_usd"]!.GetValue<decimal>());
        Assert.Equal(37.66m, spend["remaining_usd"]!.GetValue<decimal>());
        AssertPeriodIsOneOf(windows, spend);
    }

    [Fact]
    public async Task TenantSpend_PastItsMonthlyBudget_LeavesNothingRemaining()
    {
        using var admin = Bootstrap();
        var tenant = AdminApi.NewTenantId();
        await admin.PostOkAsync("/admin/tenants", new { id = tenant, name = "Acme", budget = new { usd = 10, period = "month" } });

        var windows = await BudgetCounterRows.ReportAsync($"tenant:{tenant}", BudgetPeriod.Month, 10.5m);
        var spend = await admin.GetOkAsync($"/admin/tenants/{tenant}/budget");

        Assert.Equal("tenant", spend["source"]!.GetValue<string>());
        Assert.Equal(10.5m, spend["spent_usd"]!.GetValue<decimal>());
        Assert.Equal(0m, spend["remaining_usd"]!.GetValue<decimal>());
        AssertPeriodIsOneOf(windows, spend);
    }

    [Fact]
    public async Task Spend_WithNothingReported_IsZero()
    {
        using var admin = Bootstrap();
        var tenant = await admin.CreateTenantAsync();
        var key = await admin.PostOkAsync("/admin/keys", new { tenant, name = "app", models = new[] { "*" }, budget = new { usd = 3, period = "month" } });

        var spend = await admin.GetOkAsync($"/admin/keys/{key["id"]}/budget");

        Assert.Equal(0m, spend["spent_usd"]!.GetValue<decimal>());
        Assert.Equal(3m, spend["remaining_usd"]!.GetValue<decimal>());
        var start = DateTimeOffset.Parse(spend["period_start"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.Equal((1, TimeSpan.Zero, TimeSpan.Zero), (start.Day, start.TimeOfDay, start.Offset));
    }

    [Fact]
    public async Task Spend_OfAnUnknownKeyOrTenant_Is404()
    {
        using var admin = Bootstrap();

        await ErrorAssert.IsErrorAsync(await admin.GetAsync("/admin/keys/key_aaaaaaaaaaaaaaaaaaaa/budget"), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await admin.GetAsync("/admin/keys/not-a-key-id/budget"), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await admin.GetAsync($"/admin/tenants/{AdminApi.NewTenantId()}/budget"), HttpStatusCode.NotFound, "not_found");
        await ErrorAssert.IsErrorAsync(await admin.GetAsync("/admin/tenants/Not_A_Tenant/budget"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ConfiguredDefaults_ApplyWhereNoBudgetIsOwn_AndOwnBudgetsWin()
    {
        using var admin = new AdminApi(defaults.App, GatewayApp.AdminKey);
        var tenant = await admin.CreateTenantAsync();
        var (plainId, _) = await admin.CreateKeyAsync(tenant);
        var own = await admin.PostOkAsync("/admin/keys", new { tenant, name = "own", models = new[] { "*" }, budget = new { usd = 2, period = "month" } });

        var windows = await BudgetCounterRows.ReportAsync($"key:{plainId}", BudgetPeriod.Day, 1.25m);
        var plainSpend = await admin.GetOkAsync($"/admin/keys/{plainId}/budget");
        var ownSpend = await admin.GetOkAsync($"/admin/keys/{own["id"]}/budget");
        var tenantSpend = await admin.GetOkAsync($"/admin/tenants/{tenant}/budget");

        Assert.Null(BudgetOf(await admin.GetOkAsync($"/admin/keys/{plainId}")));
        Assert.Equal("""{"usd":5,"period":"day"}""", BudgetOf(plainSpend));
        Assert.Equal("default", plainSpend["source"]!.GetValue<string>());
        Assert.Equal(1.25m, plainSpend["spent_usd"]!.GetValue<decimal>());
        Assert.Equal(3.75m, plainSpend["remaining_usd"]!.GetValue<decimal>());
        AssertPeriodIsOneOf(windows, plainSpend);
        Assert.Equal("""{"usd":2,"period":"month"}""", BudgetOf(ownSpend));
        Assert.Equal("key", ownSpend["source"]!.GetValue<string>());
        Assert.Equal("""{"usd":1000,"period":"month"}""", BudgetOf(tenantSpend));
        Assert.Equal("default", tenantSpend["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_DescribesBudgetsAndSpend()
    {
        using var admin = Bootstrap();

        var document = await admin.GetOkAsync("/admin/openapi.json");
        var schemas = document["components"]!["schemas"]!.AsObject();
        var paths = document["paths"]!.AsObject();

        Assert.True(schemas["CreateKeyBody"]!["properties"]!.AsObject().ContainsKey("budget"));
        Assert.True(schemas["UpdateKeyBody"]!["properties"]!.AsObject().ContainsKey("budget"));
        Assert.True(schemas["CreateTenantBody"]!["properties"]!.AsObject().ContainsKey("budget"));
        Assert.True(schemas["UpdateTenantBody"]!["properties"]!.AsObject().ContainsKey("budget"));
        Assert.True(schemas["BudgetBody"]!["properties"]!.AsObject().ContainsKey("period"));
        Assert.True(schemas["KeyResponse"]!["properties"]!.AsObject().ContainsKey("budget"));
        Assert.True(schemas["TenantResponse"]!["properties"]!.AsObject().ContainsKey("budget"));
        Assert.True(schemas["BudgetSpendResponse"]!["properties"]!.AsObject().ContainsKey("remaining_usd"));
        Assert.True(schemas["BudgetSpendResponse"]!["properties"]!.AsObject().ContainsKey("resets_at"));
        Assert.NotNull(paths["/admin/keys/{id}/budget"]?["get"]);
        Assert.NotNull(paths["/admin/tenants/{id}/budget"]?["get"]);
    }

    /// <summary>The answer's period is one of the windows written, and it resets when that window ends.</summary>
    private static void AssertPeriodIsOneOf(IReadOnlyList<LimitWindow> windows, JsonNode spend)
    {
        var start = DateTimeOffset.Parse(spend["period_start"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var resets = DateTimeOffset.Parse(spend["resets_at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var window = Assert.Single(windows, w => w.Start == start);
        Assert.Equal(window.End, resets);
    }

    private static Task<HttpResponseMessage> PatchRawAsync(AdminApi api, string path, string json) =>
        api.Client.PatchAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
}
