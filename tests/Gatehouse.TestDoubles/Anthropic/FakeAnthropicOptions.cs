namespace Gatehouse.TestDoubles.Anthropic;

/// <summary>How a <see cref="FakeAnthropicServer"/> behaves; immutable once it starts.</summary>
public sealed class FakeAnthropicOptions
{
    /// <summary>
    /// The key <c>x-api-key</c> must carry; another gets Anthropic's 401 <c>invalid x-api-key</c>. When null any key
    /// is accepted, but a missing one still gets the 401 <c>x-api-key header is required</c>.
    /// </summary>
    public string? RequiredApiKey { get; init; }

    /// <summary>The <c>retry-after</c> value (seconds) sent with simulated 429s.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Text deltas per streamed answer (at least 1; fewer when the answer has fewer words).</summary>
    public int StreamDeltas { get; init; } = 3;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(StreamDeltas, 1, nameof(StreamDeltas));
        ArgumentOutOfRangeException.ThrowIfNegative(RetryAfterSeconds, nameof(RetryAfterSeconds));
        if (RequiredApiKey is { Length: 0 })
            throw new ArgumentException("RequiredApiKey must be null or non-empty.", nameof(RequiredApiKey));
    }
}
