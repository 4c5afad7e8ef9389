using System.Text.Json;
using Gatehouse.Messaging;

namespace Gatehouse.Alerts;

/// <summary>One webhook's state on an alert row: delivered when, after how many attempts in all, and the last answer.</summary>
public sealed record AlertDeliveryState(DateTimeOffset? DeliveredAt, int Attempts, int? Status, string? Error)
{
    public static Dictionary<string, AlertDeliveryState> Parse(string? json) =>
        string.IsNullOrEmpty(json)
            ? new(StringComparer.Ordinal)
            : new(JsonSerializer.Deserialize<Dictionary<string, AlertDeliveryState>>(json, MessageJson.Options) ?? [], StringComparer.Ordinal);

    public static string Write(Dictionary<string, AlertDeliveryState> states) => JsonSerializer.Serialize(states, MessageJson.Options);

    /// <summary>Adds one queue delivery's outcome; a webhook once delivered stays delivered.</summary>
    public static AlertDeliveryState Merge(AlertDeliveryState? known, WebhookDelivery outcome, DateTimeOffset now) => new(
        known?.DeliveredAt ?? (outcome.Delivered ? now : null),
        (known?.Attempts ?? 0) + outcome.Attempts,
        outcome.Status,
        outcome.Delivered ? null : outcome.Error);
}
