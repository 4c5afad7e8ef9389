using Gatehouse.Routing;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gatehouse.Audit.Bodies;

public static class AuditBodyServiceCollectionExtensions
{
    /// <summary>Body options (validated at start), keys (config, then Key Vault at start), cipher, redactor and the row reader.</summary>
    public static IServiceCollection AddAuditBodies(this IServiceCollection services)
    {
        services.AddOptions<AuditBodyOptions>().BindConfiguration(AuditBodyOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditBodyOptions>, AuditBodyOptionsValidator>());
        services.AddSingleton<AuditBodyKeyRing>();
        services.AddSingleton<AuditBodyCipher>();
        services.AddSingleton<AuditBodyRedactor>();
        services.AddSingleton<AuditBodyRowReader>();

        // The app's identity as upstream Entra auth finds it; built only if a Key Vault key is configured.
        services.AddSingleton(sp => new KeyVaultSecretReader(
            sp.GetRequiredService<IHttpClientFactory>(),
            () => sp.GetService<TokenCredential>() ?? UpstreamHttpClientSetup.AppIdentity(sp.GetRequiredService<IConfiguration>())));
        services.AddHttpClient(KeyVaultSecretReader.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // the reader's own deadline applies
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false, // a redirect would carry the vault token elsewhere
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
            });
        services.AddHostedService<AuditBodyKeyLoader>();
        return services;
    }
}
