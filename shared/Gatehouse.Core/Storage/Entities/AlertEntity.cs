using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Gatehouse.Messaging;

namespace Gatehouse.Storage.Entities;

/// <summary>
/// Row of <c>Alerts</c>: PartitionKey = the UTC day (<c>yyyyMMdd</c>) of the alert's window start, or of its time when it
/// has no window; RowKey = the alert id with <c>/ \ # ? %</c> and control characters escaped as <c>%XX</c>. An alert
/// id names its window, so inserting if absent keeps one row per alert and window. <see cref="Deliveries"/> is the
/// per-webhook delivery state, as JSON: <c>{"ops": {"delivered_at": …, "attempts": 2, "status": 200, "error": null}}</c>.
/// </summary>
public sealed class AlertEntity : ITableEntity
{
    private const int MaxRowKeyLength = 512;

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Id { get; set; } = "";

    public string Kind { get; set; } = "";

    public DateTimeOffset Time { get; set; }

    public string Scope { get; set; } = "";

    public string ScopeId { get; set; } = "";

    public string? Tenant { get; set; }

    public string? KeyId { get; set; }

    public int ThresholdPercent { get; set; }

    /// <summary>USD as an invariant decimal string (Table Storage has no decimal).</summary>
    public string? BudgetUsd { get; set; }

    public string? SpentUsd { get; set; }

    public string? Period { get; set; }

    public DateTimeOffset? PeriodStart { get; set; }

    public int Count { get; set; }

    public string? MessageId { get; set; }

    public string Message { get; set; } = "";

    /// <summary>When this row was first written (the first delivery of the alert).</summary>
    public DateTimeOffset RecordedAt { get; set; }

    public string Deliveries { get; set; } = "{}";

    public static string PartitionFor(AlertMessage alert) => (alert.PeriodStart ?? alert.Time).UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string RowKeyFor(string alertId)
    {
        var key = TableKeys.Escape(alertId, reserved: "%");

        // Ids are short in practice; a long one is hashed so the key stays within the service's limit.
        return key.Length <= MaxRowKeyLength
            ? key
            : "sha256-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(alertId)));
    }

    public static AlertEntity From(AlertMessage alert, DateTimeOffset now) => new()
    {
        PartitionKey = PartitionFor(alert),
        RowKey = RowKeyFor(alert.Id),
        Id = alert.Id,
        Kind = alert.Kind,
        Time = alert.Time,
        Scope = alert.Scope,
        ScopeId = alert.ScopeId,
        Tenant = alert.Tenant,
        KeyId = alert.KeyId,
        ThresholdPercent = alert.ThresholdPercent,
        BudgetUsd = alert.BudgetUsd == 0 ? null : alert.BudgetUsd.ToString(CultureInfo.InvariantCulture),
        SpentUsd = alert.SpentUsd == 0 ? null : alert.SpentUsd.ToString(CultureInfo.InvariantCulture),
        Period = alert.Period,
        PeriodStart = alert.PeriodStart,
        Count = alert.Count,
        MessageId = alert.MessageId,
        Message = alert.Message,
        RecordedAt = now,
    };
}
