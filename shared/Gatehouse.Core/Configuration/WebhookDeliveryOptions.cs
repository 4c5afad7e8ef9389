using System.ComponentModel.DataAnnotations;

namespace Gatehouse.Configuration;

/// <summary>
/// <c>Gatehouse:Alerts:Delivery</c>: how hard one delivery of an alert tries each webhook before the alerts worker
/// fails the message, so the queue delivers it again later (webhooks that already took it are not posted again).
/// </summary>
public sealed class WebhookDeliveryOptions
{
    /// <summary>One POST, connect to last byte.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per webhook per queue delivery (the first included).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>First backoff; doubles per attempt up to <see cref="MaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts; a 429/503 Retry-After beyond it ends the attempts for this delivery.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
