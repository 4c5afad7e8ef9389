using Gatehouse.Providers;

namespace Gatehouse.Routing;

/// <summary>A model alias with its enabled deployments, grouped under the strategies that pick among them.</summary>
public sealed record ModelRoute(string Alias, RouteGroup Root, IReadOnlySet<ProviderOperation> Operations)
{
    /// <summary>Every deployment the alias may be served by, each once.</summary>
    public IReadOnlyList<Deployment> Deployments { get; } = [.. Root.Deployments()];

    public bool Serves(ProviderOperation operation) => Operations.Contains(operation);
}
