using System.ComponentModel.DataAnnotations;

namespace Gatehouse.Configuration;

/// <summary><c>Gatehouse:Alerts</c>: what raises an alert besides budgets, and where alerts are posted.</summary>
public sealed class AlertOptions
{
    /// <summary>Guardrail blocks on one key within one window.</summary>
    public AlertBurstOptions BlockBurst { get; set; } = new();

    /// <summary>Failovers on one tenant's model alias within one window.</summary>
    public AlertBurstOptions FailoverStorm { get; set; } = new();

    /// <summary>Where alerts are posted, by name (the name is what logs and the Alerts table show). None = records only.</summary>
    public Dictionary<string, WebhookOptions> Webhooks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Timeout, attempts and backoff of each webhook POST.</summary>
    public WebhookDeliveryOptions Delivery { get; set; } = new();
}

/// <summary>An alert when at least <see cref="Threshold"/> events fall in one fixed <see cref="Window"/>.</summary>
public sealed class AlertBurstOptions
{
    [Range(1, 1_000_000)]
    public int Threshold { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
