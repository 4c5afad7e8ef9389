namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>What one running fake shares between its requests and its owner (the test).</summary>
internal sealed class FakeServerState(FakeOpenAIOptions options, CancellationToken stopping)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _modelRequests = new(StringComparer.Ordinal);
    private int _inFlight;

    public FakeOpenAIOptions Options { get; } = options;

    /// <summary>Fires when the server stops, so held or slow requests end instead of delaying shutdown.</summary>
    public CancellationToken Stopping { get; } = stopping;

    public RequestJournal Journal { get; } = new();

    public StreamHoldGate Hold { get; } = new();

    public AbortMonitor Aborts { get; } = new();

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Counts a request naming <paramref name="model"/>; returns how many did so before it.</summary>
    public int CountRequestFor(string model) => _modelRequests.AddOrUpdate(model, 1, static (_, n) => n + 1) - 1;
}
