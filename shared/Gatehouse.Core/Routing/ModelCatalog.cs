using System.Collections.Frozen;
using Gatehouse.Configuration;
using Gatehouse.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Gatehouse.Routing;

/// <summary>
/// Every model alias and provider, resolved once at start from validated options into immutable lookups
/// (disabled optional providers dropped, credentials read from their settings).
/// </summary>
public sealed class ModelCatalog
{
    private readonly FrozenDictionary<string, ModelRoute> _routes;

    public ModelCatalog(IOptions<GatehouseOptions> options, IConfiguration configuration)
    {
        var config = options.Value;
        var providers = config.Providers
            .Where(p => ProviderCredential.IsEnabled(p.Value, configuration))
            .ToDictionary(
                p => p.Key,
                p => new ProviderEndpoint(p.Key, p.Value.Type, new Uri(p.Value.BaseUrl), ProviderCredential.Read(p.Value, configuration), p.Value),
                StringComparer.Ordinal);

        _routes = config.Models.ToFrozenDictionary(
            m => m.Key,
            m => new ModelRoute(m.Key, Group(m.Value.Strategy, m.Value.Deployments, providers), ParseOperations(m.Value.Operations)),
            StringComparer.Ordinal);
        Aliases = [.. _routes.Keys.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Aliases { get; }

    public bool TryGetRoute(string alias, out ModelRoute route) => _routes.TryGetValue(alias, out route!);

    /// <summary>A group with the members whose providers are enabled; nested groups left empty that way are dropped.</summary>
    private static RouteGroup Group(string? strategy, List<DeploymentOptions> members, Dictionary<string, ProviderEndpoint> providers)
    {
        var parsed = RoutingStrategies.TryParse(strategy, out var known) ? known : RoutingStrategy.Failover; // validated at start
        var kept = new List<RouteMember>(members.Count);
        foreach (var member in members)
        {
            if (member.IsGroup)
            {
                var group = Group(member.Strategy, member.Deployments, providers);
                if (group.Members.Count > 0)
                {
                    kept.Add(RouteMember.Of(group, member.Weight));
                }
            }
            else if (providers.TryGetValue(member.Provider, out var provider))
            {
                kept.Add(RouteMember.Of(new Deployment(provider, member.Model), member.Weight));
            }
        }

        return new RouteGroup(parsed, kept);
    }

    private static FrozenSet<ProviderOperation> ParseOperations(List<string> operations) =>
        operations.Count == 0
            ? FrozenSet.Create(ProviderOperation.ChatCompletions)
            : operations.Select(o => o == ModelOperations.Embeddings ? ProviderOperation.Embeddings : ProviderOperation.ChatCompletions).ToFrozenSet();
}
