using Azure;
using Azure.Data.Tables;

namespace Gatehouse.Storage.Entities;

/// <summary>Row of <c>Tenants</c>: one partition (tenants are few; admin reads list them all), RowKey = tenant id.</summary>
public sealed class TenantEntity : ITableEntity, ILimitColumns, IBudgetColumns
{
    public const string Partition = "tenant";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Name { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Rate limits on all the tenant's keys together (requests/min, tokens/min, requests/day, in flight); null = the configured default.</summary>
    public int? LimitRpm { get; set; }

    public int? LimitTpm { get; set; }

    public int? LimitRpd { get; set; }

    public int? LimitConcurrency { get; set; }

    /// <summary>A budget on all the tenant's keys together (<see cref="BudgetColumns"/>); null = the configured default.</summary>
    public string? BudgetUsd { get; set; }

    public string? BudgetPeriod { get; set; }

    /// <summary>The tenant's own guardrail policy, as JSON (<c>GuardrailPolicyOverride</c>); null = the configured policies.</summary>
    public string? GuardrailPolicy { get; set; }
}
