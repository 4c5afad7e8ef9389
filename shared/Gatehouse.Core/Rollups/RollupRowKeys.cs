using Gatehouse.Storage;

namespace Gatehouse.Rollups;

/// <summary>
/// The keys of <c>UsageRollups</c>. PartitionKey = tenant, so one batch's rows for one tenant commit in one
/// entity-group transaction. RowKeys start with their kind, so a prefix range selects one kind and period:
/// <c>hour|2026112214|{keyId}|{model}</c>, <c>day|20261122|{keyId}|{model}</c>, <c>applied|{messageId}</c>,
/// <c>burst|block|{keyId}|202611221405</c>, <c>burst|failover|{model}|202611221405</c>. Times are UTC.
/// </summary>
public static class RollupRowKeys
{
    public const string Hour = "hour";
    public const string Day = "day";
    public const string Applied = "applied";
    public const string Burst = "burst";

    /// <summary>The layout's separator, and the escape character itself; what Table Storage forbids is escaped anyway.</summary>
    private const string Reserved = "|%";

    public static string HourRow(DateTimeOffset time, string keyId, string model) =>
        $"{Hour}|{time.UtcDateTime:yyyyMMddHH}|{Escape(keyId)}|{Escape(model)}";

    public static string DayRow(DateTimeOffset time, string keyId, string model) =>
        $"{Day}|{DayId(time)}|{Escape(keyId)}|{Escape(model)}";

    /// <summary>The day part of a day row's key: <c>yyyyMMdd</c> (UTC).</summary>
    public static string DayId(DateTimeOffset time) => $"{time.UtcDateTime:yyyyMMdd}";

    public static string Marker(string markerId) => $"{Applied}|{Escape(markerId)}";

    /// <param name="kind"><c>block</c> or <c>failover</c>.</param>
    public static string BurstRow(string kind, string subject, DateTimeOffset windowStart) =>
        $"{Burst}|{kind}|{Escape(subject)}|{windowStart.UtcDateTime:yyyyMMddHHmm}";

    public static string Partition(string tenant) => tenant.Length == 0 ? "_none" : Escape(tenant);

    /// <summary>
    /// Percent-encodes what a key may not hold (<c>/ \ # ?</c>, control characters) and what the layout reserves
    /// (<c>|</c>, <c>%</c>), so a model alias like <c>team/gpt-4o</c> is still one key part. Plain text is unchanged.
    /// </summary>
    public static string Escape(string value) => TableKeys.Escape(value, Reserved);
}
