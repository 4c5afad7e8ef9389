using System.Diagnostics.Metrics;

namespace Gatehouse.Limits;

/// <summary>
/// The limiter's own instruments (meter <c>Gatehouse.Limits</c>): what it costs storage, and how often storage failed
/// it. Operators chart these; the limits benchmark reads them.
/// </summary>
public static class LimitMetrics
{
    public const string MeterName = "Gatehouse.Limits";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Table Storage calls made by the limiters, tagged <c>operation</c> (read, insert, update, conflict).</summary>
    public static Counter<long> StorageOperations { get; } = Meter.CreateCounter<long>("gatehouse.limits.storage_operations");

    /// <summary>Times an instance could not reach the shared counters and applied its failure policy.</summary>
    public static Counter<long> StorageFailures { get; } = Meter.CreateCounter<long>("gatehouse.limits.storage_failures");

    public static void CountStorage(string operation) =>
        StorageOperations.Add(1, new KeyValuePair<string, object?>("operation", operation));
}
