namespace Gatehouse.Rollups;

/// <summary>
/// The latency histogram every rollup row keeps: fixed upper bounds in milliseconds (inclusive), and a last, open
/// bucket for anything slower. Fixed bounds let rows be summed across keys, models and days and still give a
/// percentile; the price is that a percentile is an estimate within its bucket.
/// </summary>
public static class LatencyBuckets
{
    /// <summary>Inclusive upper bounds, in ms, of every bucket but the last.</summary>
    public static IReadOnlyList<int> UpperBoundsMs { get; } = [50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000];

    /// <summary>How many buckets a histogram has: one per bound, and the open one.</summary>
    public static int Count => UpperBoundsMs.Count + 1;

    /// <summary>The bucket a request of <paramref name="latencyMs"/> falls in (negative or NaN: the first).</summary>
    public static int IndexOf(double latencyMs)
    {
        for (var i = 0; i < UpperBoundsMs.Count; i++)
        {
            if (!(latencyMs > UpperBoundsMs[i]))
            {
                return i;
            }
        }

        return UpperBoundsMs.Count;
    }

    /// <summary>The table column of bucket <paramref name="index"/>: <c>LatencyLe50</c> … <c>LatencyLe60000</c>, <c>LatencyGt60000</c>.</summary>
    public static string ColumnName(int index) =>
        index < UpperBoundsMs.Count ? $"LatencyLe{UpperBoundsMs[index]}" : $"LatencyGt{UpperBoundsMs[^1]}";

    /// <summary>
    /// The latency below which <paramref name="fraction"/> of the requests fall, interpolated linearly inside the
    /// bucket that holds that rank (as Prometheus' <c>histogram_quantile</c> does). In the open last bucket the
    /// answer is its lower bound: all the histogram can say is "at least". Null for an empty histogram.
    /// </summary>
    public static double? Percentile(IReadOnlyList<long> counts, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(counts.Count, Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = fraction * total;
        long below = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] == 0 || below + counts[i] < rank)
            {
                below += counts[i];
                continue;
            }

            double lower = i == 0 ? 0 : UpperBoundsMs[i - 1];
            if (i == UpperBoundsMs.Count)
            {
                return lower;
            }

            var within = (rank - below) / counts[i];
            return Math.Round(lower + ((UpperBoundsMs[i] - lower) * within), 1);
        }

        return UpperBoundsMs[^1];
    }
}
