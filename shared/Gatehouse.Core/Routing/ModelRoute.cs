using Gatehouse.Providers;

namespace Gatehouse.Routing;

/// <summary>A model alias with its enabled deployments, in order of preference.</summary>
public sealed record ModelRoute(string Alias, IReadOnlyList<Deployment> Deployments, IReadOnlySet<ProviderOperation> Operations)
{
    public bool Serves(ProviderOperation operation) => Operations.Contains(operation);
}
