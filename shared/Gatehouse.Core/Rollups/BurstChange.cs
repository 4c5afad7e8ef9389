namespace Gatehouse.Rollups;

/// <summary>How many blocks (of a key) or failovers (of a model alias) a batch adds to one alert window.</summary>
/// <param name="Kind"><see cref="BurstKinds.Block"/> or <see cref="BurstKinds.Failover"/>.</param>
/// <param name="Subject">The key id or the model alias.</param>
public sealed record BurstChange(string RowKey, string Kind, string Subject, DateTimeOffset WindowStart, long Delta) : RollupChange(RowKey);
