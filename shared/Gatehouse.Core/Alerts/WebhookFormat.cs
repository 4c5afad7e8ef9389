namespace Gatehouse.Alerts;

/// <summary>The body a webhook is sent. A closed set, so an enum.</summary>
public enum WebhookFormat
{
    /// <summary>The alert's fields as snake_case JSON (<see cref="GenericWebhookPayload"/>).</summary>
    Generic,

    /// <summary>Slack incoming webhooks: <c>text</c> plus blocks (<see cref="SlackWebhookPayload"/>).</summary>
    Slack,

    /// <summary>Teams workflows / incoming webhooks: an Adaptive Card message (<see cref="TeamsWebhookPayload"/>).</summary>
    Teams,
}
