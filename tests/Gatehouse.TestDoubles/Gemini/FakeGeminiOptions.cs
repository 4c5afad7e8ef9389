namespace Gatehouse.TestDoubles.Gemini;

/// <summary>How a <see cref="FakeGeminiServer"/> behaves. Immutable once the server starts.</summary>
public sealed class FakeGeminiOptions
{
    /// <summary>
    /// When set, requests must carry this key in <c>x-goog-api-key</c> (or, as Google also allows, the <c>key</c> query
    /// parameter). None gets Google's 403 PERMISSION_DENIED; a wrong one its 400 INVALID_ARGUMENT with API_KEY_INVALID.
    /// </summary>
    public string? RequiredApiKey { get; init; }

    /// <summary>Events per streamed answer (at least 1). The reply is split across them.</summary>
    public int StreamChunks { get; init; } = 3;

    /// <summary>The <c>RetryInfo.retryDelay</c> (seconds) in simulated 429s; Gemini sends no Retry-After header.</summary>
    public int RetryDelaySeconds { get; init; } = 7;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(StreamChunks, 1, nameof(StreamChunks));
        ArgumentOutOfRangeException.ThrowIfNegative(RetryDelaySeconds, nameof(RetryDelaySeconds));
        if (RequiredApiKey is { Length: 0 })
            throw new ArgumentException("RequiredApiKey must be null or non-empty.", nameof(RequiredApiKey));
    }
}
