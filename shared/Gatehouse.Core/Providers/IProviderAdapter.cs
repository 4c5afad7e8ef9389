using Gatehouse.Routing;

namespace Gatehouse.Providers;

/// <summary>
/// One per wire format: pure translation between the unified (OpenAI) API and a provider's HTTP API.
/// Adapters never send, retry or time out; that lives once, in Routing.
/// </summary>
public interface IProviderAdapter
{
    /// <summary>One of <see cref="ProviderNames"/>, referenced from config.</summary>
    string Name { get; }

    HttpRequestMessage CreateRequest(ProviderRequest request, Deployment deployment);

    ValueTask<ProviderResponse> ReadResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken);

    IAsyncEnumerable<ChatStreamChunk> ReadStreamAsync(HttpResponseMessage response, CancellationToken cancellationToken);

    /// <summary>Reads a non-success response into a classified error; the message is safe to show a client.</summary>
    ValueTask<UpstreamError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken);
}
