using Gatehouse.Access.Entra;
using Gatehouse.Alerts;
using Gatehouse.Audit;
using Gatehouse.Audit.Bodies;
using Gatehouse.Budgets;
using Gatehouse.Guardrails;
using Gatehouse.Guardrails.Detectors;
using Gatehouse.Guardrails.Detectors.Pii;
using Gatehouse.Guardrails.Detectors.Secrets;
using Gatehouse.Guardrails.Rules;
using Gatehouse.Keys;
using Gatehouse.Limits;
using Gatehouse.Messaging;
using Gatehouse.Providers;
using Gatehouse.Providers.OpenAICompatible;
using Gatehouse.Rollups;
using Gatehouse.Routing;
using Gatehouse.Storage;
using Gatehouse.Tenants;
using Gatehouse.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Gatehouse.Configuration;

public static class GatehouseCoreServiceCollectionExtensions
{
    /// <summary>Options (validated at start), storage, keys, tenants, providers, routing, guardrails and audit publishing.</summary>
    public static IServiceCollection AddGatehouseCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GatehouseOptions>().Bind(configuration.GetSection(GatehouseOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatehouseOptions>, GatehouseOptionsValidator>());

        services.AddSingleton(sp => StorageConnection.TryResolve(sp.GetRequiredService<IOptions<GatehouseOptions>>().Value.Storage, configuration, out var problem)
            ?? throw new InvalidOperationException(problem));
        services.AddSingleton<StorageClients>();
        services.AddHostedService<StorageInitializer>();

        services.AddSingleton<KeyHasher>();
        services.AddSingleton<KeyCache>();
        services.AddSingleton<KeyStore>();
        services.AddSingleton<KeyRequestStore>();
        services.AddSingleton<KeyResolver>();
        services.AddSingleton<TenantStore>();
        services.AddSingleton<TenantCache>();
        services.AddSingleton<LimitCounterStore>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<PriceBook>();
        services.AddOptions<AuditJournalOptions>().BindConfiguration(AuditJournalOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UsagePublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<UsagePublisher>());
        services.AddSingleton<AlertPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertPublisher>());
        services.AddSingleton<BudgetGuard>();
        services.AddSingleton<BudgetAlerts>();
        services.AddSingleton<BudgetSpendStore>();

        // After the alert publisher: hosted services stop in reverse order, and the last report may send alerts.
        services.AddSingleton<BudgetFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<BudgetFlusher>());
        services.AddSingleton<ConcurrencySlotStore>();
        services.AddSingleton<ConcurrencyLimiter>();
        services.AddSingleton<ConcurrencyRenewer>();
        services.AddHostedService(sp => sp.GetRequiredService<ConcurrencyRenewer>());
        services.AddSingleton<CounterSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<CounterSweeper>());
        services.AddHostedService<TokenizerWarmUp>();
        services.AddSingleton<EntraTokenValidator>();
        services.AddHttpClient(EntraTokenValidator.HttpClientName);

        // One adapter type can serve several wire names, so these are plain adds (TryAddEnumerable dedups by type).
        services.AddSingleton<IProviderAdapter>(new OpenAICompatibleAdapter(ProviderNames.OpenAI));
        services.AddSingleton<IProviderAdapter>(new OpenAICompatibleAdapter(ProviderNames.OpenAICompatible));
        services.AddSingleton<IProviderAdapter>(new Providers.AzureOpenAI.AzureOpenAIAdapter());
        services.AddSingleton<IProviderAdapter>(sp => new Providers.Anthropic.AnthropicAdapter(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IProviderAdapter>(sp => new Providers.Gemini.GeminiAdapter(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<UpstreamSender>();
        services.AddSingleton<LatencyTracker>();
        services.AddSingleton(sp => new DeploymentPlanner(sp.GetRequiredService<LatencyTracker>(), Random.Shared));
        services.AddSingleton<DeploymentResilience>();
        services.AddSingleton<UpstreamRouter>();
        services.AddHttpClient();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HttpClientFactoryOptions>, UpstreamHttpClientSetup>());
        services.ConfigureHttpClientDefaults(client => client.RemoveAllLoggers()); // default handler logs print URLs, and some providers put keys in them

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGuardrailDetector, DenyListDetector>(
            sp => DenyListDetector.FromConfiguration(sp.GetRequiredService<IConfiguration>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGuardrailDetector, PiiDetector>());
        services.AddHostedService<PiiWarmUp>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGuardrailDetector, SecretDetector>());
        services.AddSingleton(sp => new ConfiguredCustomRules(sp.GetRequiredService<IConfiguration>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatehouseOptions>, CustomRuleOptionsValidator>());
        services.AddSingleton<CustomRuleStore>();
        services.AddSingleton<CustomRuleCache>();
        services.AddHostedService<CustomRuleWarmUp>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGuardrailDetector, CustomRuleDetector>(
            sp => CustomRuleDetector.Create(sp, sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<GuardrailPipeline>();
        services.AddSingleton<GuardrailPolicyResolver>();

        services.AddSingleton<AuditPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditPublisher>());
        services.AddSingleton<AuditChain>();
        services.AddSingleton<AuditBodyStorage>();
        services.AddSingleton<AuditLogStore>();
        services.AddAuditBodies();
        services.AddSingleton<RollupStore>();
        services.AddSingleton<SpendReport>();
        services.AddGatehouseAlerts();
        services.AddSingleton<QueueOverflow>();
        services.AddSingleton<AuditChainVerifier>();
        return services;
    }
}
