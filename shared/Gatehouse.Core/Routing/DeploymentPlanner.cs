namespace Gatehouse.Routing;

/// <summary>
/// Orders a route's deployments for one request: each group arranges its members by its strategy, nested groups are
/// expanded in place, and a deployment reached twice is tried once. Randomness is injected: <see cref="Random.Shared"/>
/// (thread-safe) in the app, a seeded one in tests.
/// </summary>
public sealed class DeploymentPlanner(LatencyTracker latency, Random random)
{
    public IReadOnlyList<Deployment> Plan(ModelRoute route) => [.. Expand(route.Root).Distinct()];

    private IEnumerable<Deployment> Expand(RouteGroup group)
    {
        foreach (var member in Arrange(group))
        {
            if (member.Deployment is { } deployment)
            {
                yield return deployment;
            }
            else
            {
                foreach (var inner in Expand(member.Group!))
                {
                    yield return inner;
                }
            }
        }
    }

    private IReadOnlyList<RouteMember> Arrange(RouteGroup group) => group.Strategy switch
    {
        RoutingStrategy.Weighted => WeightedOrder(group.Members),
        RoutingStrategy.LeastLatency => [.. group.Members.OrderBy(LatencyScore)], // stable: ties keep config order
        _ => group.Members,
    };

    /// <summary>Draws members one by one in proportion to their weights; members weighted 0 come last, in config order.</summary>
    private List<RouteMember> WeightedOrder(IReadOnlyList<RouteMember> members)
    {
        var left = members.Where(m => m.Weight > 0).ToList();
        var order = new List<RouteMember>(members.Count);
        while (left.Count > 0)
        {
            var total = left.Sum(m => (long)m.Weight);
            var draw = random.NextInt64(total);

            var index = 0;
            for (; draw >= left[index].Weight; index++)
            {
                draw -= left[index].Weight;
            }

            order.Add(left[index]);
            left.RemoveAt(index);
        }

        order.AddRange(members.Where(m => m.Weight == 0));
        return order;
    }

    /// <summary>A member's average (a group's best); unmeasured ones score 0, so they are tried and measured first.</summary>
    private double LatencyScore(RouteMember member) =>
        member.Deployment is { } deployment
            ? latency.AverageMs(deployment) ?? 0
            : member.Group!.Deployments().Min(d => latency.AverageMs(d) ?? 0);
}
