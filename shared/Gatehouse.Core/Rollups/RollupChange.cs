namespace Gatehouse.Rollups;

/// <summary>What one batch adds to one row of one tenant's partition: a rollup row or a burst counter.</summary>
public abstract record RollupChange(string RowKey);
