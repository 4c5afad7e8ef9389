namespace Gatehouse.Messaging;

/// <summary>Storage queue names (lowercase-hyphen), shared with each function.json's <c>queueName</c>.</summary>
public static class QueueNames
{
    public const string AuditEvents = "audit-events";

    /// <summary>Batches of <see cref="UsageRecord"/>s (<see cref="UsageMessage"/>), read by the cost roll-up.</summary>
    public const string UsageEvents = "usage-events";

    /// <summary>One <see cref="AlertMessage"/> per message, read by the alerts worker.</summary>
    public const string Alerts = "alerts";

    /// <summary>Where the Functions host (and the standalone poller) moves a message that keeps failing.</summary>
    public static string Poison(string queueName) => $"{queueName}-poison";

    public static IReadOnlyList<string> All { get; } =
        [AuditEvents, Poison(AuditEvents), UsageEvents, Poison(UsageEvents), Alerts, Poison(Alerts)];
}
