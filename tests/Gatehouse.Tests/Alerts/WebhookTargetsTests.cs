using Gatehouse.Alerts;
using Gatehouse.Configuration;
using Gatehouse.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Gatehouse.Tests.Alerts;

public sealed class WebhookTargetsTests
{
    private const string SecretPath = "T000/B000/XXXXsecretXXXX";

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Problems_EveryBadWebhook_IsReportedWithItsPath_AndNoUrlIsQuoted()
    {
        var options = new AlertOptions
        {
            Webhooks =
            {
                ["plain-http"] = new() { Url = $"http://hooks.example.com/services/{SecretPath}" },
                ["both"] = new() { Url = "https://example.com/a", UrlSetting = "HOOK" },
                ["neither"] = new(),
                ["empty-setting"] = new() { UrlSetting = "MISSING_HOOK_URL" },
                ["bad kind"] = new() { Url = "https://example.com/a", Kinds = ["budget_threshold", "nope"] },
                ["relative"] = new() { Url = $"/services/{SecretPath}" },
            },
        };

        var problems = WebhookTargets.Problems(options, Settings());

        Assert.Equal(7, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Gatehouse:Alerts:Webhooks:plain-http:Url: plain http is allowed only for loopback", StringComparison.Ordinal));
        Assert.Contains("Gatehouse:Alerts:Webhooks:both: give exactly one of Url and UrlSetting.", problems);
        Assert.Contains("Gatehouse:Alerts:Webhooks:neither: give exactly one of Url and UrlSetting.", problems);
        Assert.Contains("Gatehouse:Alerts:Webhooks:empty-setting:UrlSetting: the setting 'MISSING_HOOK_URL' is empty; set it to the webhook's URL.", problems);
        Assert.Contains(problems, p => p.StartsWith("Gatehouse:Alerts:Webhooks:bad kind: a webhook name is", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Gatehouse:Alerts:Webhooks:bad kind:Kinds: unknown alert kind 'nope'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Gatehouse:Alerts:Webhooks:relative:Url: ", StringComparison.Ordinal)); // not absolute, or file: on Unix
        Assert.DoesNotContain(problems, p => p.Contains(SecretPath, StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_UrlFromSetting_WithQuery_AndKindsFilter()
    {
        var teams = "https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=s3cr3t";
        var options = new GatehouseOptions
        {
            Alerts =
            {
                Webhooks =
                {
                    ["teams"] = new() { UrlSetting = "TEAMS_WEBHOOK_URL", Format = WebhookFormat.Teams, Kinds = [AlertKinds.PoisonMessage] },
                    ["local"] = new() { Url = "http://127.0.0.1:9000/hook" },
                },
            },
        };

        var targets = new WebhookTargets(Options.Create(options), Settings(("TEAMS_WEBHOOK_URL", teams)));

        Assert.Equal(["local", "teams"], targets.All.Select(t => t.Name));
        Assert.Equal(new Uri(teams), targets.All[1].Url);
        Assert.Equal(["local", "teams"], targets.For(AlertKinds.PoisonMessage).Select(t => t.Name));
        Assert.Equal(["local"], targets.For(AlertKinds.BudgetThreshold).Select(t => t.Name));
        Assert.Equal("teams", targets.All[1].ToString()); // what logs show: never the URL
    }
}
