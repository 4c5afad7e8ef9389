namespace Gatehouse.Routing;

/// <summary>How a group picks among its members. A closed set, named in config as <c>failover</c>, <c>weighted</c>, <c>least-latency</c>.</summary>
public enum RoutingStrategy
{
    /// <summary>In the order configured; the next only when the one before failed.</summary>
    Failover,

    /// <summary>At random in proportion to each member's weight; the others, drawn the same way, are its fallbacks.</summary>
    Weighted,

    /// <summary>Lowest moving-average time to first byte first; members not yet measured go first, so each gets measured.</summary>
    LeastLatency,
}
