using System.Text.Json.Nodes;
using Gatehouse.Messaging;

namespace Gatehouse.Alerts;

/// <summary>
/// A Slack incoming-webhook body: <c>text</c> (shown in notifications and by clients without blocks) and blocks with a
/// header, the message and the facts. Text is escaped as Slack's mrkdwn asks (<c>&amp; &lt; &gt;</c>).
/// </summary>
public static class SlackWebhookPayload
{
    private const int MaxHeader = 150; // Slack's limit for a header block's plain text

    public static string Create(AlertMessage alert)
    {
        var title = AlertTitles.Title(alert);
        var facts = string.Join("  ·  ", AlertTitles.Facts(alert).Select(f => $"*{f.Label}:* {Escape(f.Value)}"));
        return new JsonObject
        {
            ["text"] = $"{Escape(title)}: {Escape(alert.Message)}",
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "header", ["text"] = PlainText(title.Length > MaxHeader ? title[..MaxHeader] : title) },
                new JsonObject { ["type"] = "section", ["text"] = Markdown(Escape(alert.Message)) },
                new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Markdown(facts)) }),
        }.ToJsonString();
    }

    internal static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
