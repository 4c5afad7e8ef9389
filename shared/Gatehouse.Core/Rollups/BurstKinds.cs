namespace Gatehouse.Rollups;

/// <summary>What a burst counter counts, as its row key and <c>Kind</c> column name it.</summary>
public static class BurstKinds
{
    /// <summary>Guardrail blocks on one key.</summary>
    public const string Block = "block";

    /// <summary>Failovers on one tenant's model alias.</summary>
    public const string Failover = "failover";
}
