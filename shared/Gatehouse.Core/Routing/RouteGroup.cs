namespace Gatehouse.Routing;

/// <summary>Members (deployments or nested groups) and the strategy that orders them for each request.</summary>
public sealed record RouteGroup(RoutingStrategy Strategy, IReadOnlyList<RouteMember> Members)
{
    /// <summary>Every deployment under this group, depth first, each once.</summary>
    public IEnumerable<Deployment> Deployments() =>
        Members.SelectMany(m => m.Group is { } group ? group.Deployments() : [m.Deployment!]).Distinct();
}
