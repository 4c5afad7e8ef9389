using System.Text.Json.Nodes;
using Gatehouse.Messaging;

namespace Gatehouse.Alerts;

/// <summary>
/// A Teams body that both Workflows ("When a Teams webhook request is received") and the older incoming webhooks take:
/// a <c>message</c> with one Adaptive Card attachment holding the title, the message and a fact set.
/// </summary>
public static class TeamsWebhookPayload
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";

    public static string Create(AlertMessage alert)
    {
        var facts = new JsonArray([.. AlertTitles.Facts(alert).Select(f => new JsonObject { ["title"] = f.Label, ["value"] = f.Value })]);
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray(
                new JsonObject { ["type"] = "TextBlock", ["size"] = "Medium", ["weight"] = "Bolder", ["wrap"] = true, ["text"] = AlertTitles.Title(alert) },
                new JsonObject { ["type"] = "TextBlock", ["wrap"] = true, ["text"] = alert.Message },
                new JsonObject { ["type"] = "FactSet", ["facts"] = facts }),
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = CardContentType, ["contentUrl"] = null, ["content"] = card }),
        }.ToJsonString();
    }
}
