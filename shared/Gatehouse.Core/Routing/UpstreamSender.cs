using System.Collections.Frozen;
using Gatehouse.Providers;

namespace Gatehouse.Routing;

/// <summary>
/// Sends one request to one deployment and classifies what came back. The only place that puts bytes on the wire
/// to a provider; retries, breakers and failover build on it (later), adapters never do.
/// </summary>
public sealed class UpstreamSender(IHttpClientFactory httpClientFactory, IEnumerable<IProviderAdapter> adapters, TimeProvider time)
{
    public const string ClientNamePrefix = "gatehouse-upstream:";

    public static string ClientName(string providerName) => ClientNamePrefix + providerName;

    private readonly FrozenDictionary<string, IProviderAdapter> _adapters = adapters.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>Starts the exchange. The caller disposes it; on success it holds the response with headers read.</summary>
    public async Task<UpstreamExchange> SendAsync(ProviderRequest request, Deployment deployment, CancellationToken clientAborted)
    {
        var adapter = _adapters[deployment.Provider.Type];
        var exchange = new UpstreamExchange(deployment, adapter, time, clientAborted);
        try
        {
            using var message = adapter.CreateRequest(request, deployment);
            var client = httpClientFactory.CreateClient(ClientName(deployment.Provider.Name));
            var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, exchange.Token);
            exchange.MarkActivity();
            if (response.IsSuccessStatusCode)
            {
                exchange.Response = response;
            }
            else
            {
                using (response)
                {
                    exchange.Error = await adapter.ReadErrorAsync(response, exchange.Token);
                }
            }
        }
        catch (OperationCanceledException) when (exchange.TimedOut)
        {
            exchange.Error = exchange.TimeoutError();
        }
        catch (HttpRequestException)
        {
            // The exception text can carry the upstream address; the client gets a plain statement instead.
            exchange.Error = new UpstreamError(ProviderErrorKind.Unavailable, null, $"The upstream provider '{deployment.Provider.Name}' could not be reached.");
        }
        catch
        {
            exchange.Dispose();
            throw;
        }

        return exchange;
    }
}
