namespace Gatehouse.Alerts;

/// <summary>Thrown by the alerts worker so the queue delivers the alert again later, to the webhooks that did not take it.</summary>
public sealed class AlertNotDeliveredException(string alertId, IEnumerable<string> webhooks)
    : Exception($"Alert {alertId} was not delivered to webhook(s) {string.Join(", ", webhooks)}; the queue will deliver it again.");
