using System.ComponentModel.DataAnnotations;
using Gatehouse.Guardrails;
using Gatehouse.Providers;
using Gatehouse.Routing;
using Gatehouse.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Gatehouse.Configuration;

/// <summary>
/// Checks the whole configuration at start-up and reports every problem at once (YARP's IConfigValidator style),
/// so an operator fixes a broken config in one round instead of one error per restart. Guardrail rules are checked
/// against the finding types the registered <paramref name="detectors"/> report (none when not given).
/// </summary>
public sealed class GatehouseOptionsValidator(
    IConfiguration configuration, IEnumerable<IProviderAdapter> adapters, IEnumerable<IGuardrailDetector>? detectors = null) : IValidateOptions<GatehouseOptions>
{
    /// <summary>The bootstrap admin credential's setting (an environment variable; a Key Vault reference in Azure).</summary>
    public const string AdminKeySetting = "GATEHOUSE_ADMIN_KEY";
    public const int MinAdminKeyLength = 32;

    private const int MaxRouteDepth = 4;
    private static readonly string[] KnownOperations = [ModelOperations.Chat, ModelOperations.Embeddings];
    private readonly string[] _providerTypes = [.. adapters.Select(a => a.Name).Order(StringComparer.Ordinal)];
    private readonly HashSet<string> _findingTypes = [.. (detectors ?? []).SelectMany(d => d.FindingTypes)];

    public ValidateOptionsResult Validate(string? name, GatehouseOptions options)
    {
        var errors = new List<string>();
        Annotations(options.Server, "Gatehouse:Server", errors);
        Annotations(options.Keys, "Gatehouse:Keys", errors);
        Annotations(options.Workers, "Gatehouse:Workers", errors);
        Annotations(options.Alerts.BlockBurst, "Gatehouse:Alerts:BlockBurst", errors);
        Annotations(options.Alerts.FailoverStorm, "Gatehouse:Alerts:FailoverStorm", errors);
        Annotations(options.Alerts.Delivery, "Gatehouse:Alerts:Delivery", errors);
        errors.AddRange(Alerts.WebhookTargets.Problems(options.Alerts, configuration));
        errors.AddRange(options.Admin.Entra.Validate());
        Annotations(options.Limits, "Gatehouse:Limits", errors);
        Annotations(options.Limits.Key, "Gatehouse:Limits:Key", errors);
        Annotations(options.Limits.Tenant, "Gatehouse:Limits:Tenant", errors);
        Annotations(options.Limits.EndUser, "Gatehouse:Limits:EndUser", errors);
        Annotations(options.Limits.Concurrency, "Gatehouse:Limits:Concurrency", errors);
        if (options.Limits.Concurrency.ClaimTtl <= options.Limits.Concurrency.RenewInterval)
        {
            errors.Add("Gatehouse:Limits:Concurrency:ClaimTtl: must exceed RenewInterval, or claims lapse between renewals.");
        }
        errors.AddRange(options.Pricing.Validate());
        Annotations(options.Routing, "Gatehouse:Routing", errors);
        Annotations(options.Routing.Retry, "Gatehouse:Routing:Retry", errors);
        Annotations(options.Routing.CircuitBreaker, "Gatehouse:Routing:CircuitBreaker", errors);
        if (configuration[AdminKeySetting] is { Length: > 0 and < MinAdminKeyLength })
        {
            errors.Add($"{AdminKeySetting}: the admin key must be at least {MinAdminKeyLength} characters.");
        }

        if (options.HostingMode is not ("Auto" or "Standalone" or "CustomHandler"))
        {
            errors.Add("Gatehouse:HostingMode: must be Auto, Standalone or CustomHandler.");
        }
        if (StorageConnection.TryResolve(options.Storage, configuration, out var storageProblem) is null)
        {
            errors.Add($"Gatehouse:Storage: {storageProblem}");
        }

        if (options.Providers.Count == 0)
        {
            errors.Add("Gatehouse:Providers: at least one provider is required.");
        }

        foreach (var (providerName, provider) in options.Providers)
        {
            ValidateProvider($"Gatehouse:Providers:{providerName}", provider, errors);
        }

        if (options.Models.Count == 0)
        {
            errors.Add("Gatehouse:Models: at least one model alias is required.");
        }

        foreach (var (alias, route) in options.Models)
        {
            ValidateRoute(alias, route, options.Providers, errors);
        }

        errors.AddRange(options.Guardrails.Validate(options.Models, _findingTypes));

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateProvider(string path, ProviderOptions provider, List<string> errors)
    {
        Annotations(provider, path, errors);
        if (provider.Type.Length > 0 && !_providerTypes.Contains(provider.Type))
        {
            errors.Add($"{path}:Type: unknown provider type '{provider.Type}'; known: {string.Join(", ", _providerTypes)}.");
        }

        if (provider.BaseUrl.Length > 0 && UpstreamUrlRule.Check(provider.BaseUrl) is { } urlProblem)
        {
            errors.Add($"{path}:BaseUrl: {urlProblem}");
        }

        if (provider.ApiKeySetting is { Length: > 0 } setting && !provider.Optional
            && string.IsNullOrEmpty(configuration[setting]))
        {
            errors.Add($"{path}:ApiKeySetting: the setting '{setting}' is empty; set it, or mark the provider Optional.");
        }

        ValidateAuth(path, provider, errors);
    }

    /// <summary>Entra tokens only where the wire format takes them; an Azure OpenAI key where a key is the credential.</summary>
    private static void ValidateAuth(string path, ProviderOptions provider, List<string> errors)
    {
        if (provider.Auth == ProviderAuth.Entra)
        {
            if (provider.Type.Length > 0 && provider.Type != ProviderNames.AzureOpenAI)
            {
                errors.Add($"{path}:Auth: Entra is supported only for Type '{ProviderNames.AzureOpenAI}'; use ApiKey with an ApiKeySetting.");
            }

            if (provider.ApiKeySetting is { Length: > 0 })
            {
                errors.Add($"{path}:ApiKeySetting: is not used with Auth Entra (the app's identity gets a token); remove it.");
            }

            if (string.IsNullOrWhiteSpace(provider.EntraScope))
            {
                errors.Add($"{path}:EntraScope: is required with Auth Entra (e.g. https://cognitiveservices.azure.com/.default).");
            }
        }
        else if (provider.Type == ProviderNames.AzureOpenAI && provider.ApiKeySetting is not { Length: > 0 })
        {
            errors.Add($"{path}:ApiKeySetting: is required for Type '{ProviderNames.AzureOpenAI}' with Auth ApiKey; or set Auth to Entra.");
        }
    }

    private void ValidateRoute(string alias, ModelRouteOptions route, Dictionary<string, ProviderOptions> providers, List<string> errors)
    {
        var path = $"Gatehouse:Models:{alias}";
        if (!ModelAlias.IsValid(alias))
        {
            errors.Add($"{path}: an alias may hold letters, digits and . _ - : / (at most 128).");
        }

        if (route.Deployments.Count == 0)
        {
            errors.Add($"{path}:Deployments: at least one deployment is required.");
        }

        var embeddings = route.Operations.Contains(ModelOperations.Embeddings);
        var enabled = ValidateMembers(path, route.Strategy, route.Deployments, providers, embeddings, depth: 1, errors);
        if (route.Deployments.Count > 0 && enabled == 0)
        {
            errors.Add($"{path}: every deployment's provider is disabled (optional provider without a key).");
        }

        foreach (var operation in route.Operations.Where(o => !KnownOperations.Contains(o)))
        {
            errors.Add($"{path}:Operations: unknown operation '{operation}'; known: {string.Join(", ", KnownOperations)}.");
        }
    }

    /// <summary>Checks a group's strategy and members, nested groups included; returns how many deployments are enabled.</summary>
    private int ValidateMembers(
        string path, string? strategy, List<DeploymentOptions> members, Dictionary<string, ProviderOptions> providers, bool embeddings, int depth, List<string> errors)
    {
        if (!RoutingStrategies.TryParse(strategy, out var parsed))
        {
            errors.Add($"{path}:Strategy: unknown strategy '{strategy}'; known: {string.Join(", ", RoutingStrategies.All)}.");
        }

        if (depth > MaxRouteDepth)
        {
            errors.Add($"{path}: groups nest at most {MaxRouteDepth} deep.");
            return 0;
        }

        var enabled = 0;
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            var memberPath = $"{path}:Deployments:{i}";
            if (member.Weight < 0)
            {
                errors.Add($"{memberPath}:Weight: must be 0 or more.");
            }

            if (member.IsGroup)
            {
                if (member.Provider.Length > 0 || member.Model.Length > 0)
                {
                    errors.Add($"{memberPath}: a member is either a deployment (Provider, Model) or a group (Strategy, Deployments), not both.");
                }

                enabled += ValidateMembers(memberPath, member.Strategy, member.Deployments, providers, embeddings, depth + 1, errors);
                continue;
            }

            if (member.Strategy is { Length: > 0 })
            {
                errors.Add($"{memberPath}:Strategy: only a group (with Deployments) has a strategy.");
            }

            if (!providers.TryGetValue(member.Provider, out var provider))
            {
                errors.Add($"{memberPath}:Provider: unknown provider '{member.Provider}'.");
            }
            else
            {
                if (ProviderCredential.IsEnabled(provider, configuration))
                {
                    enabled++;
                }

                if (embeddings && provider.Type == ProviderNames.Anthropic)
                {
                    errors.Add($"{memberPath}:Provider: '{member.Provider}' is an Anthropic provider, which has no embeddings API.");
                }
            }

            if (string.IsNullOrWhiteSpace(member.Model))
            {
                errors.Add($"{memberPath}:Model is required.");
            }
        }

        if (parsed == RoutingStrategy.Weighted && members.Count > 0 && members.All(m => m.Weight == 0))
        {
            errors.Add($"{path}: a weighted group needs at least one member with a weight above 0.");
        }

        return enabled;
    }

    private static void Annotations(object target, string path, List<string> errors)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true))
        {
            errors.AddRange(results.Select(r => $"{path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }
    }
}
