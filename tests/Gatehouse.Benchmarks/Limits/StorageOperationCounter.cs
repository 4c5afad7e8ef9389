using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Gatehouse.Limits;

namespace Gatehouse.Benchmarks.Limits;

/// <summary>
/// Sums what the limiters report on meter <c>Gatehouse.Limits</c>, across every instance in this process: storage
/// calls by operation, and storage failures (under <see cref="StorageOperations.Failures"/>).
/// </summary>
public sealed class StorageOperationCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public StorageOperationCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LimitMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    public StorageOperations Snapshot() => new(new Dictionary<string, long>(_counts, StringComparer.Ordinal));

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? name = null;
        if (ReferenceEquals(instrument, LimitMetrics.StorageFailures))
        {
            name = StorageOperations.Failures;
        }
        else if (ReferenceEquals(instrument, LimitMetrics.StorageOperations))
        {
            foreach (var tag in tags)
            {
                name = tag.Key == "operation" ? tag.Value as string : name;
            }
        }

        if (name is not null)
        {
            _counts.AddOrUpdate(name, value, (_, sum) => sum + value);
        }
    }
}
