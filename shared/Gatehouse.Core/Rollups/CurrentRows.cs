using Gatehouse.Storage.Entities;

namespace Gatehouse.Rollups;

/// <summary>What a transaction's rows hold now: whether its marker exists, and the rows that do, by row key.</summary>
internal sealed record CurrentRows(bool Applied, IReadOnlyDictionary<string, RollupEntity> Rows, IReadOnlyDictionary<string, BurstCounterEntity> Bursts);
