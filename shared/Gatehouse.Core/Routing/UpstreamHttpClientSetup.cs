using Azure.Core;
using Azure.Identity;
using Gatehouse.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.Routing;

/// <summary>
/// Configures the named HTTP client of each provider when it is first created (not at registration, so it
/// always sees the final configuration): its own connection pool and connect timeout, no redirects, no cookies,
/// and for <c>Auth</c> = <c>Entra</c> the handler that adds the app identity's token.
/// </summary>
internal sealed class UpstreamHttpClientSetup(IOptions<GatehouseOptions> options, IServiceProvider services) : IConfigureNamedOptions<HttpClientFactoryOptions>
{
    // One credential for every Entra provider, made on first use, so an app without one never builds it.
    private readonly Lazy<TokenCredential> _credential = new(() => services.GetService<TokenCredential>() ?? AppIdentity(services.GetRequiredService<IConfiguration>()));

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

        if (provider.Auth == ProviderAuth.Entra)
        {
            // Made once per client name, so the token outlives the handlers the factory recycles.
            var providerName = name[UpstreamSender.ClientNamePrefix.Length..];
            var tokens = new EntraTokenCache(() => _credential.Value, provider.EntraScope, services.GetRequiredService<TimeProvider>());
            var logger = services.GetRequiredService<ILogger<EntraTokenHandler>>();
            clientOptions.HttpMessageHandlerBuilderActions.Add(builder => builder.AdditionalHandlers.Add(new EntraTokenHandler(tokens, providerName, logger)));
        }
    }

    /// <summary>
    /// The app's own identity, found the way storage finds it (<c>StorageConnection</c>): the managed identity when the
    /// host's storage uses one (<c>AzureWebJobsStorage__credential</c> = <c>managedidentity</c>, with its
    /// <c>__clientId</c>), so the one identity a deployment grants roles to serves both; otherwise
    /// <see cref="DefaultAzureCredential"/> (environment, workload identity, managed identity, developer sign-ins).
    /// <c>AZURE_CLIENT_ID</c>, when set, picks the user-assigned managed identity in either case.
    /// </summary>
    internal static TokenCredential AppIdentity(IConfiguration configuration)
    {
        var host = configuration.GetSection("AzureWebJobsStorage");
        var clientId = configuration["AZURE_CLIENT_ID"] is { Length: > 0 } explicitId ? explicitId : host["clientId"];
        if (string.Equals(host["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(clientId is { Length: > 0 }
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned);
        }

        var defaults = new DefaultAzureCredentialOptions();
        if (clientId is { Length: > 0 })
        {
            defaults.ManagedIdentityClientId = clientId;
        }

        return new DefaultAzureCredential(defaults);
    }
}
