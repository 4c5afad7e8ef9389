using Azure;
using Azure.Data.Tables;

namespace Gatehouse.Storage.Entities;

/// <summary>
/// Row of <c>VirtualKeys</c>: PartitionKey = key id (point reads by id), RowKey = <see cref="Row"/>. A key filed
/// through a key request has its request in the same partition, so both change in one transaction.
/// Never holds a secret; <see cref="Secrets"/> holds the peppered hashes the key accepts.
/// </summary>
public sealed class VirtualKeyEntity : ITableEntity, ILimitColumns, IBudgetColumns
{
    public const string Row = "key";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>Empty only for admin keys not scoped to a tenant.</summary>
    public string Tenant { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Owner { get; set; }

    /// <summary>Operator metadata, a JSON object of strings.</summary>
    public string? Metadata { get; set; }

    /// <summary>Allowed model aliases or patterns, newline-separated (<c>*</c> = all).</summary>
    public string Models { get; set; } = "";

    /// <summary>Set for admin keys only (<c>admin</c>, <c>tenant-admin</c>, <c>viewer</c>, <c>developer</c>).</summary>
    public string? Role { get; set; }

    /// <summary>Pending, Active or Revoked.</summary>
    public string Status { get; set; } = "";

    /// <summary>The accepted secret hashes with their ends, as JSON (current secret plus any in a rotation grace period).</summary>
    public string Secrets { get; set; } = "";

    /// <summary>Last characters of the current secret, so operators can tell keys apart without seeing them.</summary>
    public string Hint { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RotatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Own rate limits (requests/min, tokens/min, requests/day, in flight); null = the configured default.</summary>
    public int? LimitRpm { get; set; }

    public int? LimitTpm { get; set; }

    public int? LimitRpd { get; set; }

    public int? LimitConcurrency { get; set; }

    /// <summary>Own budget (<see cref="BudgetColumns"/>); null = the configured default.</summary>
    public string? BudgetUsd { get; set; }

    public string? BudgetPeriod { get; set; }

    /// <summary>The key's own guardrail policy, as JSON (<c>GuardrailPolicyOverride</c>); null = its tenant's, else the configured ones.</summary>
    public string? GuardrailPolicy { get; set; }
}
