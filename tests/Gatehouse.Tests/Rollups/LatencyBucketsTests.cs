using Gatehouse.Rollups;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Tests.Rollups;

public sealed class LatencyBucketsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(50, 0)]
    [InlineData(50.1, 1)]
    [InlineData(999.9, 4)]
    [InlineData(1000, 4)]
    [InlineData(60_000, 9)]
    [InlineData(60_000.5, 10)]
    [InlineData(-5, 0)]
    [InlineData(double.NaN, 0)]
    public void IndexOf_BoundsAreInclusive(double latencyMs, int bucket) => Assert.Equal(bucket, LatencyBuckets.IndexOf(latencyMs));

    [Fact]
    public void ColumnName_EveryBucket_IsARollupEntityColumn()
    {
        var columns = typeof(RollupEntity).GetProperties().Select(p => p.Name).ToHashSet();

        var names = Enumerable.Range(0, LatencyBuckets.Count).Select(LatencyBuckets.ColumnName).ToList();

        Assert.Equal("LatencyLe50", names[0]);
        Assert.Equal("LatencyGt60000", names[^1]);
        Assert.All(names, name => Assert.Contains(name, columns));
        Assert.Equal(LatencyBuckets.Count, names.Distinct().Count());
    }

    [Fact]
    public void Percentile_Empty_IsNull() => Assert.Null(LatencyBuckets.Percentile(Histogram(), 0.5));

    [Fact]
    public void Percentile_OneBucket_InterpolatesWithinIt()
    {
        var counts = Histogram((2, 10)); // ten requests between 100 and 250 ms

        Assert.Equal(175, LatencyBuckets.Percentile(counts, 0.50));
        Assert.Equal(242.5, LatencyBuckets.Percentile(counts, 0.95));
    }

    [Fact]
    public void Percentile_TwoBuckets_P50InTheFastOne_P95InTheSlowOne()
    {
        var counts = Histogram((0, 90), (4, 10)); // 90 under 50 ms, 10 between 500 ms and 1 s

        Assert.Equal(27.8, LatencyBuckets.Percentile(counts, 0.50));
        Assert.Equal(750, LatencyBuckets.Percentile(counts, 0.95));
    }

    [Fact]
    public void Percentile_InTheOpenBucket_IsItsLowerBound()
    {
        var counts = Histogram((0, 1), (10, 9));

        Assert.Equal(60_000, LatencyBuckets.Percentile(counts, 0.95));
    }

    [Fact]
    public void Percentile_OfSummedHistograms_IsThePercentileOfAllRequests()
    {
        var fast = new RollupCounts();
        var slow = new RollupCounts();
        foreach (var ms in Enumerable.Range(0, 90))
        {
            fast.Add(Record(ms % 50));
        }

        foreach (var ms in Enumerable.Range(0, 10))
        {
            slow.Add(Record(600 + ms));
        }

        fast.Add(slow);

        Assert.Equal(100, fast.Requests);
        Assert.Equal(750, fast.LatencyP95Ms);
        Assert.Equal(750, slow.LatencyP50Ms);
    }

    private static long[] Histogram(params (int Bucket, long Count)[] filled)
    {
        var counts = new long[LatencyBuckets.Count];
        foreach (var (bucket, count) in filled)
        {
            counts[bucket] = count;
        }

        return counts;
    }

    private static Gatehouse.Messaging.UsageRecord Record(double latencyMs) => new()
    {
        RequestId = "r",
        Time = DateTimeOffset.UnixEpoch,
        Tenant = "t",
        KeyId = "k",
        Model = "m",
        LatencyMs = latencyMs,
    };
}
