using System.Security.Cryptography;
using System.Text;
using Gatehouse.Configuration;
using Gatehouse.Messaging;

namespace Gatehouse.Rollups;

/// <summary>
/// Turns a usage batch into what it adds, per tenant: an hour and a day row per key and model alias, and the burst
/// counters (blocks per key, failovers per model alias, per fixed window). Pure: the same batch and settings always
/// give the same changes in the same order, which is what makes a redelivery find the same markers.
/// </summary>
public static class RollupPlan
{
    /// <summary>Longest message id accepted as a marker key; longer ones are hashed.</summary>
    private const int MaxIdLength = 128;

    public static IReadOnlyList<TenantBatch> Build(UsageMessage message, AlertOptions alerts)
    {
        var batches = new List<TenantBatch>();
        foreach (var tenant in message.Records.GroupBy(r => r.Tenant ?? "", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var changes = new Dictionary<string, RollupChange>(StringComparer.Ordinal);
            foreach (var record in tenant)
            {
                var model = record.Model ?? "";
                var keyId = record.KeyId ?? "";
                AddRow(changes, RollupRowKeys.HourRow(record.Time, keyId, model), RollupRowKeys.Hour, HourStart(record.Time), keyId, model, record);
                AddRow(changes, RollupRowKeys.DayRow(record.Time, keyId, model), RollupRowKeys.Day, DayStart(record.Time), keyId, model, record);
                if (record.Blocked)
                {
                    AddBurst(changes, BurstKinds.Block, keyId, WindowStart(record.Time, alerts.BlockBurst.Window));
                }

                if (record.FailedOver)
                {
                    AddBurst(changes, BurstKinds.Failover, model, WindowStart(record.Time, alerts.FailoverStorm.Window));
                }
            }

            batches.Add(new TenantBatch(tenant.Key, [.. changes.Values.OrderBy(c => c.RowKey, StringComparer.Ordinal)], tenant.Count()));
        }

        return batches;
    }

    /// <summary>
    /// The batch's id as markers use it. A message from an older gateway has none: its request ids, hashed, identify it
    /// just as well across redeliveries. An over-long id is hashed too, to keep the marker key small.
    /// </summary>
    public static string MessageId(UsageMessage message)
    {
        if (message.Id is { Length: > 0 and <= MaxIdLength } id)
        {
            return id;
        }

        var source = message.Id is { Length: > 0 } longId ? longId : string.Join('\n', message.Records.Select(r => r.RequestId));
        return $"sha256-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))}";
    }

    /// <summary>Start of the fixed window of length <paramref name="window"/> that holds <paramref name="time"/> (UTC).</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset time, TimeSpan window)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % window.Ticks), TimeSpan.Zero);
    }

    private static DateTimeOffset HourStart(DateTimeOffset time) => WindowStart(time, TimeSpan.FromHours(1));

    private static DateTimeOffset DayStart(DateTimeOffset time) => WindowStart(time, TimeSpan.FromDays(1));

    private static void AddRow(Dictionary<string, RollupChange> changes, string rowKey, string period, DateTimeOffset start, string keyId, string model, UsageRecord record)
    {
        if (!changes.TryGetValue(rowKey, out var change))
        {
            changes[rowKey] = change = new RollupRowChange(rowKey, period, start, keyId, model, new RollupCounts());
        }

        ((RollupRowChange)change).Delta.Add(record);
    }

    private static void AddBurst(Dictionary<string, RollupChange> changes, string kind, string subject, DateTimeOffset windowStart)
    {
        var rowKey = RollupRowKeys.BurstRow(kind, subject, windowStart);
        changes[rowKey] = changes.TryGetValue(rowKey, out var change)
            ? (BurstChange)change with { Delta = ((BurstChange)change).Delta + 1 }
            : new BurstChange(rowKey, kind, subject, windowStart, 1);
    }
}
