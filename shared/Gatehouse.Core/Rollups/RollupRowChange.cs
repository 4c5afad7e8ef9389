namespace Gatehouse.Rollups;

/// <summary>What a batch adds to one hour or day row of a key and model alias.</summary>
/// <param name="Period"><see cref="RollupRowKeys.Hour"/> or <see cref="RollupRowKeys.Day"/>.</param>
public sealed record RollupRowChange(string RowKey, string Period, DateTimeOffset Start, string KeyId, string Model, RollupCounts Delta)
    : RollupChange(RowKey);
