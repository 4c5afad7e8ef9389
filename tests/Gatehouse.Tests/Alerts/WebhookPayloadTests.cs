using System.Text.Json.Nodes;
using Gatehouse.Alerts;
using Gatehouse.Messaging;

namespace Gatehouse.Tests.Alerts;

public sealed class WebhookPayloadTests
{
    private static readonly AlertMessage Budget = new()
    {
        Id = "key:key_abc:budget-day:20261122:80",
        Kind = AlertKinds.BudgetThreshold,
        Time = new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero),
        Scope = "key",
        ScopeId = "key:key_abc",
        Tenant = "acme",
        KeyId = "key_abc",
        ThresholdPercent = 80,
        BudgetUsd = 50m,
        SpentUsd = 40.25m,
        Period = "day",
        PeriodStart = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero),
        Message = "Key key_abc reached 80% of its budget of $50.00 per day (<$40.25> & counting).",
    };

    [Fact]
    public void Generic_BudgetAlert_IsTheAlertInSnakeCaseWithATitle()
    {
        var body = JsonNode.Parse(WebhookPayload.For(WebhookFormat.Generic, Budget))!;

        Assert.Equal(Budget.Id, body["id"]!.GetValue<string>());
        Assert.Equal("budget_threshold", body["kind"]!.GetValue<string>());
        Assert.Equal("key:key_abc", body["scope_id"]!.GetValue<string>());
        Assert.Equal(80, body["threshold_percent"]!.GetValue<int>());
        Assert.Equal(40.25m, body["spent_usd"]!.GetValue<decimal>());
        Assert.Equal(Budget.Message, body["message"]!.GetValue<string>());
        Assert.Equal("Gatehouse alert: budget at 80%", body["title"]!.GetValue<string>());
        Assert.Null(body["count"]); // fields without a value are left out
        Assert.Null(body["message_id"]);
    }

    [Fact]
    public void Slack_Alert_HasEscapedTextAndHeaderSectionContextBlocks()
    {
        var body = JsonNode.Parse(WebhookPayload.For(WebhookFormat.Slack, Budget))!;

        var text = body["text"]!.GetValue<string>();
        Assert.StartsWith("Gatehouse alert: budget at 80%: Key key_abc", text, StringComparison.Ordinal);
        Assert.Contains("(&lt;$40.25&gt; &amp; counting)", text, StringComparison.Ordinal);
        var blocks = body["blocks"]!.AsArray();
        Assert.Equal(["header", "section", "context"], blocks.Select(b => b!["type"]!.GetValue<string>()));
        Assert.Equal("plain_text", blocks[0]!["text"]!["type"]!.GetValue<string>());
        Assert.Equal("mrkdwn", blocks[1]!["text"]!["type"]!.GetValue<string>());
        var facts = blocks[2]!["elements"]![0]!["text"]!.GetValue<string>();
        Assert.Contains("*Tenant:* acme", facts, StringComparison.Ordinal);
        Assert.Contains($"*Alert id:* {Budget.Id}", facts, StringComparison.Ordinal);
    }

    [Fact]
    public void Teams_Alert_IsAMessageWithOneAdaptiveCard()
    {
        var body = JsonNode.Parse(WebhookPayload.For(WebhookFormat.Teams, Budget))!;

        Assert.Equal("message", body["type"]!.GetValue<string>());
        var attachment = Assert.Single(body["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.4", card["version"]!.GetValue<string>());
        var blocks = card["body"]!.AsArray();
        Assert.Equal("Gatehouse alert: budget at 80%", blocks[0]!["text"]!.GetValue<string>());
        Assert.Equal(Budget.Message, blocks[1]!["text"]!.GetValue<string>()); // Adaptive Cards take the text as is
        var facts = blocks[2]!["facts"]!.AsArray().ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
        Assert.Equal("key key:key_abc", facts["Subject"]);
        Assert.Equal("2026-11-22T09:30:00Z", facts["Time"]);
        Assert.False(facts.ContainsKey("Count"));
    }

    [Fact]
    public void Title_PoisonAlert_SaysWhereTheMessageWent()
    {
        var poison = PoisonAlerts.For("audit-events", new QueueMessageContext("AuditLogWriter", "m-1", 5, null), "JsonException", Budget.Time);

        var body = JsonNode.Parse(WebhookPayload.For(WebhookFormat.Generic, poison))!;

        Assert.Equal("poison:audit-events:m-1", body["id"]!.GetValue<string>());
        Assert.Equal("queue", body["scope"]!.GetValue<string>());
        Assert.Equal("audit-events", body["scope_id"]!.GetValue<string>());
        Assert.Equal(5, body["count"]!.GetValue<int>());
        Assert.Equal("Gatehouse alert: message moved to a poison queue", body["title"]!.GetValue<string>());
        Assert.Contains("moved to audit-events-poison", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("./gatehouse queues replay --queue audit-events", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
