namespace Gatehouse.Storage;

/// <summary>Azure Table names (alphanumeric). Operators read these directly; keep them stable.</summary>
public static class TableNames
{
    public const string Tenants = "Tenants";
    public const string VirtualKeys = "VirtualKeys";
    public const string KeyLookup = "KeyLookup";
    public const string AuditLog = "AuditLog";
    public const string RateCounters = "RateCounters";
    public const string ConcurrencySlots = "ConcurrencySlots";
    public const string GuardrailRules = "GuardrailRules";

    /// <summary>Requests, errors, blocks, tokens, cost and latency buckets per tenant / key / model / hour and day.</summary>
    public const string UsageRollups = "UsageRollups";

    /// <summary>One row per alert (de-duplicated per window) and its webhook deliveries.</summary>
    public const string Alerts = "Alerts";

    public static IReadOnlyList<string> All { get; } = [Tenants, VirtualKeys, KeyLookup, AuditLog, RateCounters, ConcurrencySlots, GuardrailRules, UsageRollups, Alerts];
}
