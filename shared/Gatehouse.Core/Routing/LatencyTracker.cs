using System.Collections.Concurrent;

namespace Gatehouse.Routing;

/// <summary>
/// A moving average of each deployment's time to first byte (exponentially weighted, so a deployment that slows down
/// is noticed within a few calls), for the <see cref="RoutingStrategy.LeastLatency"/> strategy. In-process only: every
/// instance measures for itself, which is what it sees anyway.
/// </summary>
public sealed class LatencyTracker
{
    /// <summary>Weight of the newest sample.</summary>
    public const double Smoothing = 0.2;

    private readonly ConcurrentDictionary<Deployment, Average> _averages = new();

    public void Record(Deployment deployment, TimeSpan latency) =>
        _averages.GetOrAdd(deployment, static _ => new Average()).Add(latency.TotalMilliseconds);

    /// <summary>The average in milliseconds; null until the deployment has answered once.</summary>
    public double? AverageMs(Deployment deployment) => _averages.TryGetValue(deployment, out var average) ? average.Value : null;

    private sealed class Average
    {
        private readonly Lock _lock = new();
        private double _value = double.NaN;

        public double Value
        {
            get
            {
                lock (_lock)
                {
                    return _value;
                }
            }
        }

        public void Add(double sample)
        {
            lock (_lock)
            {
                _value = double.IsNaN(_value) ? sample : (Smoothing * sample) + ((1 - Smoothing) * _value);
            }
        }
    }
}
