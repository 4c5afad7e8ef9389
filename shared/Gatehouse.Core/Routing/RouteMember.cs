namespace Gatehouse.Routing;

/// <summary>One member of a <see cref="RouteGroup"/>: a deployment or a nested group, with its weight.</summary>
public sealed record RouteMember(Deployment? Deployment, RouteGroup? Group, int Weight)
{
    public static RouteMember Of(Deployment deployment, int weight = 1) => new(deployment, null, weight);

    public static RouteMember Of(RouteGroup group, int weight = 1) => new(null, group, weight);
}
