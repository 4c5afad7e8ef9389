using Gatehouse.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gatehouse.Alerts;

public static class AlertServiceCollectionExtensions
{
    /// <summary>The Alerts table, webhook targets and sender, the dispatcher the alerts worker runs, poison alerts and replay.</summary>
    public static IServiceCollection AddGatehouseAlerts(this IServiceCollection services)
    {
        services.AddSingleton<AlertStore>();
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<AlertDispatcher>();
        services.AddSingleton<PoisonAlerts>();
        services.AddSingleton<Messaging.PoisonMessages>();

        // Own pool, no redirects (a redirect could take the alert elsewhere), no cookies; timeouts live in WebhookSender.
        services.AddHttpClient(WebhookSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
        {
            ConnectTimeout = sp.GetRequiredService<IOptions<GatehouseOptions>>().Value.Alerts.Delivery.Timeout,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
        return services;
    }
}
