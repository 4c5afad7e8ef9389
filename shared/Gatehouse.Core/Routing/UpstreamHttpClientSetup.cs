using Gatehouse.Configuration;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Gatehouse.Routing;

/// <summary>
/// Configures the named HTTP client of each provider when it is first created (not at registration, so it
/// always sees the final configuration): its own connection pool and connect timeout, no redirects, no cookies.
/// </summary>
internal sealed class UpstreamHttpClientSetup(IOptions<GatehouseOptions> options) : IConfigureNamedOptions<HttpClientFactoryOptions>
{
    public void Configure(HttpClientFactoryOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, HttpClientFactoryOptions clientOptions)
    {
        if (name is null || !name.StartsWith(UpstreamSender.ClientNamePrefix, StringComparison.Ordinal)
            || !options.Value.Providers.TryGetValue(name[UpstreamSender.ClientNamePrefix.Length..], out var provider))
        {
            return;
        }

        clientOptions.HttpClientActions.Add(client => client.Timeout = Timeout.InfiniteTimeSpan); // timeouts live in UpstreamExchange
        clientOptions.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = new SocketsHttpHandler
        {
            ConnectTimeout = provider.ConnectTimeout,
            AllowAutoRedirect = false, // a redirect could carry the gateway's credentials to another host
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
    }
}
