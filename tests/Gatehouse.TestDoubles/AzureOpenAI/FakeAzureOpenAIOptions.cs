namespace Gatehouse.TestDoubles.AzureOpenAI;

/// <summary>How a <see cref="FakeAzureOpenAIServer"/> behaves; immutable once it starts.</summary>
public sealed class FakeAzureOpenAIOptions
{
    /// <summary>The resource key the <c>api-key</c> header must carry; null accepts no key.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Says whether an <c>Authorization: Bearer</c> token is a valid Entra token; null accepts no token.</summary>
    public Func<string, bool>? AcceptsBearerToken { get; init; }

    /// <summary>The underlying model the answers name (Azure reports the model, not the deployment).</summary>
    public string ModelName { get; init; } = "gpt-4o-mini-2024-07-18";

    /// <summary>Content chunks per streamed answer (at least 1).</summary>
    public int StreamChunks { get; init; } = 4;

    /// <summary>The <c>Retry-After</c> seconds sent with 429s (<c>retry-after-ms</c> carries the same).</summary>
    public int RetryAfterSeconds { get; init; } = 2;

    /// <summary>Clock for <c>created</c> timestamps.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(StreamChunks, 1, nameof(StreamChunks));
        ArgumentOutOfRangeException.ThrowIfNegative(RetryAfterSeconds, nameof(RetryAfterSeconds));
        if (ApiKey is null && AcceptsBearerToken is null)
            throw new ArgumentException("Set ApiKey, AcceptsBearerToken or both: Azure OpenAI always requires one.", nameof(ApiKey));
    }
}
