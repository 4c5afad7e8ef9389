using Gatehouse.Alerts;

namespace Gatehouse.Configuration;

/// <summary>
/// <c>Gatehouse:Alerts:Webhooks:{name}</c>: one place alerts are posted to. The name is what logs and the Alerts table
/// show; the URL is never logged, since Slack and Teams URLs are themselves the credential.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>https URL (plain http only to loopback). Prefer <see cref="UrlSetting"/> for a URL that is a secret.</summary>
    public string? Url { get; set; }

    /// <summary>Name of the setting that holds the URL (an app setting or Key Vault reference), like a provider's ApiKeySetting.</summary>
    public string? UrlSetting { get; set; }

    /// <summary><c>Generic</c> (the alert as JSON), <c>Slack</c> or <c>Teams</c>.</summary>
    public WebhookFormat Format { get; set; } = WebhookFormat.Generic;

    /// <summary>Only these <see cref="Messaging.AlertKinds"/>; empty = every kind.</summary>
    public List<string> Kinds { get; set; } = [];
}
