namespace Gatehouse.Benchmarks.Limits;

/// <summary>One hot-path run; <see cref="Requests"/> counts both passes, the figures come from the pass that measures them.</summary>
public sealed record HotPathResult(int Threads, long Requests, double MeanNs, double RequestsPerSecond, double P50Ns, double P99Ns,
    double BytesPerRequest, int Refused, StorageOperations Storage);
