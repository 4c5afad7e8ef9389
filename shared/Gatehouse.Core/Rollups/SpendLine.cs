namespace Gatehouse.Rollups;

/// <summary>One line of a spend report; the parts the grouping does not split by are null.</summary>
public sealed record SpendLine(DateOnly? Day, string? KeyId, string? Model, RollupCounts Counts);
