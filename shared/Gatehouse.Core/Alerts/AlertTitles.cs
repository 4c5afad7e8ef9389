using System.Globalization;
using Gatehouse.Messaging;

namespace Gatehouse.Alerts;

/// <summary>What people read first in a chat message: a title per kind, and the facts worth a glance.</summary>
internal static class AlertTitles
{
    public static string Title(AlertMessage alert) => "Gatehouse alert: " + alert.Kind switch
    {
        AlertKinds.BudgetThreshold => $"budget at {alert.ThresholdPercent.ToString(CultureInfo.InvariantCulture)}%",
        AlertKinds.GuardrailBlockBurst => "burst of guardrail blocks",
        AlertKinds.FailoverStorm => "failover storm",
        AlertKinds.PoisonMessage => "message moved to a poison queue",
        var other => other,
    };

    /// <summary>Label and value pairs, in reading order; empty values left out.</summary>
    public static IEnumerable<(string Label, string Value)> Facts(AlertMessage alert)
    {
        (string Label, string? Value)[] facts =
        [
            ("Kind", alert.Kind),
            ("Subject", $"{alert.Scope} {alert.ScopeId}"),
            ("Tenant", alert.Tenant),
            ("Key", alert.KeyId),
            ("Count", alert.Count > 0 ? alert.Count.ToString(CultureInfo.InvariantCulture) : null),
            ("Period", alert.Period),
            ("Time", alert.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            ("Alert id", alert.Id),
        ];
        return facts.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => (f.Label, f.Value!));
    }
}
