using Gatehouse.Messaging;

namespace Gatehouse.Alerts;

/// <summary>The JSON body for a webhook's format.</summary>
public static class WebhookPayload
{
    public static string For(WebhookFormat format, AlertMessage alert) => format switch
    {
        WebhookFormat.Slack => SlackWebhookPayload.Create(alert),
        WebhookFormat.Teams => TeamsWebhookPayload.Create(alert),
        _ => GenericWebhookPayload.Create(alert),
    };
}
