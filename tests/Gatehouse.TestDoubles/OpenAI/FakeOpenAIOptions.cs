namespace Gatehouse.TestDoubles.OpenAI;

/// <summary>
/// How a <see cref="FakeOpenAIServer"/> behaves. Immutable once the server starts, so one instance
/// can be read from many requests at once without locks.
/// </summary>
public sealed class FakeOpenAIOptions
{
    /// <summary>Content chunks per streamed answer (at least 1). The reply is split across them.</summary>
    public int StreamChunks { get; init; } = 5;

    /// <summary>Pause before each streamed content chunk.</summary>
    public TimeSpan ChunkDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Pause before the first byte of a chat answer (headers included), streamed or not.</summary>
    public TimeSpan FirstChunkDelay { get; init; } = TimeSpan.Zero;

    /// <summary>How long the <c>slow</c> model waits before answering.</summary>
    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Send the usage chunk on every stream, not only when <c>stream_options.include_usage</c> asks.</summary>
    public bool AlwaysSendUsage { get; init; }

    /// <summary>
    /// Never report usage: no <c>usage</c> in JSON answers, no usage chunk and no <c>"usage":null</c> in streams, even
    /// when <c>stream_options.include_usage</c> asks, like OpenAI-compatible servers that ignore it.
    /// </summary>
    public bool NeverSendUsage { get; init; }

    /// <summary>When set, <c>/v1/*</c> requests without <c>Authorization: Bearer &lt;key&gt;</c> get a 401.</summary>
    public string? RequiredApiKey { get; init; }

    /// <summary>The <c>Retry-After</c> value (seconds) sent with simulated 429s.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Clock for <c>created</c> timestamps and the delays above; a fake clock lets tests drive them.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(StreamChunks, 1, nameof(StreamChunks));
        ArgumentOutOfRangeException.ThrowIfLessThan(ChunkDelay, TimeSpan.Zero, nameof(ChunkDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(FirstChunkDelay, TimeSpan.Zero, nameof(FirstChunkDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(SlowDelay, TimeSpan.Zero, nameof(SlowDelay));
        ArgumentOutOfRangeException.ThrowIfNegative(RetryAfterSeconds, nameof(RetryAfterSeconds));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        if (AlwaysSendUsage && NeverSendUsage)
            throw new ArgumentException("AlwaysSendUsage and NeverSendUsage cannot both be set.", nameof(NeverSendUsage));
        if (RequiredApiKey is { Length: 0 })
            throw new ArgumentException("RequiredApiKey must be null or non-empty.", nameof(RequiredApiKey));
    }
}
