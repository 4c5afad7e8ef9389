namespace Gatehouse.Routing;

/// <summary>The config names of <see cref="RoutingStrategy"/>.</summary>
public static class RoutingStrategies
{
    public const string Failover = "failover";
    public const string Weighted = "weighted";
    public const string LeastLatency = "least-latency";

    public static IReadOnlyList<string> All { get; } = [Failover, Weighted, LeastLatency];

    /// <summary>Null or empty means failover.</summary>
    public static bool TryParse(string? name, out RoutingStrategy strategy)
    {
        strategy = name switch
        {
            null or "" or Failover => RoutingStrategy.Failover,
            Weighted => RoutingStrategy.Weighted,
            LeastLatency => RoutingStrategy.LeastLatency,
            _ => (RoutingStrategy)(-1),
        };
        return Enum.IsDefined(strategy);
    }
}
