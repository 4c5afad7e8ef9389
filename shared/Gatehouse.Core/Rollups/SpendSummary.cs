namespace Gatehouse.Rollups;

/// <summary>A tenant's spend over whole UTC days, <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive).</summary>
public sealed record SpendSummary(string Tenant, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SpendLine> Rows, RollupCounts Total);
