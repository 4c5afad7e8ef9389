using Gatehouse.Configuration;
using Gatehouse.Providers;
using Gatehouse.Routing;

namespace Gatehouse.Tests.Routing;

public sealed class DeploymentPlannerTests
{
    private static readonly Deployment A = Make("region-a", "gpt-4o");
    private static readonly Deployment B = Make("region-b", "gpt-4o");
    private static readonly Deployment C = Make("other", "claude");

    [Fact]
    public void Plan_Failover_KeepsConfigOrder()
    {
        var planner = new DeploymentPlanner(new LatencyTracker(), new Random(1));

        var plan = planner.Plan(Route(Group(RoutingStrategy.Failover, RouteMember.Of(B), RouteMember.Of(A), RouteMember.Of(C))));

        Assert.Equal([B, A, C], plan);
    }

    [Fact]
    public void Plan_Weighted_PicksFirstInProportionToWeight_AndKeepsTheOthersAsFallbacks()
    {
        var planner = new DeploymentPlanner(new LatencyTracker(), new Random(42));
        var route = Route(Group(RoutingStrategy.Weighted, RouteMember.Of(A, 3), RouteMember.Of(B, 1)));
        var firstA = 0;

        for (var i = 0; i < 10_000; i++)
        {
            var plan = planner.Plan(route);
            Assert.Equal(2, plan.Count);
            Assert.NotEqual(plan[0], plan[1]);
            firstA += plan[0] == A ? 1 : 0;
        }

        // 7,500 expected; 4.3 standard deviations either side.
        Assert.InRange(firstA, 7_315, 7_685);
    }

    [Fact]
    public void Plan_Weighted_ZeroWeightIsNeverFirst_OnlyALastResort()
    {
        var planner = new DeploymentPlanner(new LatencyTracker(), new Random(7));
        var route = Route(Group(RoutingStrategy.Weighted, RouteMember.Of(C, 0), RouteMember.Of(A, 1), RouteMember.Of(B, 1)));

        for (var i = 0; i < 1_000; i++)
        {
            Assert.Equal(C, planner.Plan(route)[^1]);
        }
    }

    [Fact]
    public void Plan_LeastLatency_FastestFirst_UnmeasuredBeforeMeasured()
    {
        var latency = new LatencyTracker();
        var planner = new DeploymentPlanner(latency, new Random(1));
        var route = Route(Group(RoutingStrategy.LeastLatency, RouteMember.Of(A), RouteMember.Of(B), RouteMember.Of(C)));
        latency.Record(A, TimeSpan.FromMilliseconds(300));
        latency.Record(B, TimeSpan.FromMilliseconds(40));

        Assert.Equal([C, B, A], planner.Plan(route));

        latency.Record(C, TimeSpan.FromMilliseconds(900));
        Assert.Equal([B, A, C], planner.Plan(route));
    }

    [Fact]
    public void Plan_LeastLatency_FollowsTheMovingAverage_WhenAFastDeploymentSlowsDown()
    {
        var latency = new LatencyTracker();
        var planner = new DeploymentPlanner(latency, new Random(1));
        var route = Route(Group(RoutingStrategy.LeastLatency, RouteMember.Of(A), RouteMember.Of(B)));
        latency.Record(A, TimeSpan.FromMilliseconds(50));
        latency.Record(B, TimeSpan.FromMilliseconds(100));
        Assert.Equal(A, planner.Plan(route)[0]);

        for (var i = 0; i < 5; i++)
        {
            latency.Record(A, TimeSpan.FromMilliseconds(400));
        }

        Assert.Equal(B, planner.Plan(route)[0]);
    }

    [Fact]
    public void Plan_Nested_BalancesTheRegionsThenFallsBackToTheOtherProvider()
    {
        var planner = new DeploymentPlanner(new LatencyTracker(), new Random(3));
        var regions = Group(RoutingStrategy.Weighted, RouteMember.Of(A), RouteMember.Of(B));
        var route = Route(Group(RoutingStrategy.Failover, RouteMember.Of(regions), RouteMember.Of(C)));
        var firsts = new HashSet<Deployment>();

        for (var i = 0; i < 200; i++)
        {
            var plan = planner.Plan(route);
            Assert.Equal(3, plan.Count);
            Assert.Equal(C, plan[2]);
            firsts.Add(plan[0]);
        }

        Assert.Equal([A, B], firsts.Order(Comparer<Deployment>.Create((x, y) => string.CompareOrdinal(x.Name, y.Name))));
    }

    [Fact]
    public void Plan_ADeploymentReachedTwice_IsTriedOnce()
    {
        var planner = new DeploymentPlanner(new LatencyTracker(), new Random(1));
        var route = Route(Group(RoutingStrategy.Failover, RouteMember.Of(A), RouteMember.Of(Group(RoutingStrategy.Failover, RouteMember.Of(A), RouteMember.Of(B)))));

        Assert.Equal([A, B], planner.Plan(route));
    }

    [Fact]
    public void LatencyTracker_IsAnExponentialMovingAverage()
    {
        var latency = new LatencyTracker();
        Assert.Null(latency.AverageMs(A));

        latency.Record(A, TimeSpan.FromMilliseconds(100));
        latency.Record(A, TimeSpan.FromMilliseconds(200));

        Assert.Equal(100 + (LatencyTracker.Smoothing * 100), latency.AverageMs(A)!.Value, precision: 9);
    }

    private static RouteGroup Group(RoutingStrategy strategy, params RouteMember[] members) => new(strategy, members);

    private static ModelRoute Route(RouteGroup root) => new("alias", root, new HashSet<ProviderOperation> { ProviderOperation.ChatCompletions });

    private static Deployment Make(string provider, string model) =>
        new(new ProviderEndpoint(provider, ProviderNames.OpenAICompatible, new Uri("https://example.test/v1"), null, new ProviderOptions()), model);
}
