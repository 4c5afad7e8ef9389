namespace Gatehouse.Alerts;

/// <summary>How posting one alert to one webhook went: delivered or not, after how many attempts, and the last failure.</summary>
/// <param name="Error">Short and safe to store and log: a status code or an exception type, never the URL or a body.</param>
public sealed record WebhookDelivery(string Webhook, bool Delivered, int Attempts, int? Status, string? Error);
