using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Gatehouse.Limits;

namespace Gatehouse.IntegrationTests.Limits;

/// <summary>
/// Counts the limiters' storage calls and failures (meter <c>Gatehouse.Limits</c>) while it lives, across every
/// instance in the process, so a test can say what its run cost and whether storage ever failed it.
/// </summary>
public sealed class LimitStorageCounts : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public LimitStorageCounts()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LimitMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var name = instrument.Name == "gatehouse.limits.storage_failures" ? "failures" : "other";
            foreach (var tag in tags)
            {
                if (tag.Key == "operation")
                {
                    name = tag.Value as string ?? name;
                }
            }

            _counts.AddOrUpdate(name, value, (_, total) => total + value);
        });
        _listener.Start();
    }

    public long this[string name] => _counts.GetValueOrDefault(name);

    public override string ToString() => string.Join(", ", _counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));

    public void Dispose() => _listener.Dispose();
}
