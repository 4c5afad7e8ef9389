using Gatehouse.Messaging;

namespace Gatehouse.Rollups;

/// <summary>
/// The figures a rollup row sums: what a batch adds to a row, what a row holds, and what a report adds up. Sums
/// only, so the order records arrive in never changes the result.
/// </summary>
public sealed class RollupCounts
{
    private readonly long[] _latency = new long[LatencyBuckets.Count];

    public long Requests { get; private set; }

    /// <summary>Requests that ended with an error code: refused, rate limited, blocked, failed upstream, or abandoned.</summary>
    public long Errors { get; private set; }

    /// <summary>Requests a guardrail blocked (the prompt or the answer); also counted in <see cref="Errors"/>.</summary>
    public long Blocked { get; private set; }

    /// <summary>Requests on which another deployment was tried after the first one failed.</summary>
    public long FailedOver { get; private set; }

    public long PromptTokens { get; private set; }

    public long CompletionTokens { get; private set; }

    public long CachedPromptTokens { get; private set; }

    /// <summary>Spend of the priced requests; an unpriced model adds tokens but no spend.</summary>
    public decimal CostUsd { get; private set; }

    /// <summary>Requests per <see cref="LatencyBuckets"/> bucket.</summary>
    public IReadOnlyList<long> Latency => _latency;

    public double? LatencyP50Ms => LatencyBuckets.Percentile(_latency, 0.50);

    public double? LatencyP95Ms => LatencyBuckets.Percentile(_latency, 0.95);

    public void Add(UsageRecord record)
    {
        Requests++;
        Errors += record.ErrorCode is not null || record.Status >= 400 ? 1 : 0;
        Blocked += record.Blocked ? 1 : 0;
        FailedOver += record.FailedOver ? 1 : 0;
        PromptTokens += Math.Max(0, record.PromptTokens);
        CompletionTokens += Math.Max(0, record.CompletionTokens);
        CachedPromptTokens += Math.Max(0, record.CachedPromptTokens);
        CostUsd += Math.Max(0, record.CostUsd ?? 0);
        _latency[LatencyBuckets.IndexOf(record.LatencyMs)]++;
    }

    public void Add(RollupCounts other)
    {
        Requests += other.Requests;
        Errors += other.Errors;
        Blocked += other.Blocked;
        FailedOver += other.FailedOver;
        PromptTokens += other.PromptTokens;
        CompletionTokens += other.CompletionTokens;
        CachedPromptTokens += other.CachedPromptTokens;
        CostUsd += other.CostUsd;
        for (var i = 0; i < _latency.Length; i++)
        {
            _latency[i] += other._latency[i];
        }
    }

    /// <summary>Counts from stored figures (a table row); <paramref name="latency"/> has one entry per bucket.</summary>
    public static RollupCounts Of(
        long requests, long errors, long blocked, long failedOver, long promptTokens, long completionTokens, long cachedPromptTokens, decimal costUsd,
        IReadOnlyList<long> latency)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(latency.Count, LatencyBuckets.Count);
        var counts = new RollupCounts
        {
            Requests = requests,
            Errors = errors,
            Blocked = blocked,
            FailedOver = failedOver,
            PromptTokens = promptTokens,
            CompletionTokens = completionTokens,
            CachedPromptTokens = cachedPromptTokens,
            CostUsd = costUsd,
        };
        for (var i = 0; i < latency.Count; i++)
        {
            counts._latency[i] = latency[i];
        }

        return counts;
    }
}
