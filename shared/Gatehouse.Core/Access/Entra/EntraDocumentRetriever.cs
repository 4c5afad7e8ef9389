using Microsoft.IdentityModel.Protocols;

namespace Gatehouse.Access.Entra;

/// <summary>
/// Fetches discovery and key documents with a fresh client from the factory each time. The metadata cache lives as
/// long as the process, and a client held that long would pin one connection handler and its DNS answer forever;
/// the library's own retriever still does the fetching, so its https rule and error handling apply unchanged.
/// </summary>
internal sealed class EntraDocumentRetriever(IHttpClientFactory httpClientFactory, TimeSpan timeout, bool requireHttps) : IDocumentRetriever
{
    // Discovery documents and key sets are a few KB; a bigger answer is not Entra's.
    private const int MaxDocumentBytes = 1024 * 1024;

    public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        var client = httpClientFactory.CreateClient(EntraTokenValidator.HttpClientName);
        client.Timeout = timeout;
        client.MaxResponseContentBufferSize = MaxDocumentBytes;
        return new HttpDocumentRetriever(client) { RequireHttps = requireHttps }.GetDocumentAsync(address, cancel);
    }
}
