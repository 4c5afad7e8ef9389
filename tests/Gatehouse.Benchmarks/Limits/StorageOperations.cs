namespace Gatehouse.Benchmarks.Limits;

/// <summary>Counts by operation at one moment; subtract two to get what happened between them.</summary>
public sealed record StorageOperations(IReadOnlyDictionary<string, long> Counts)
{
    public const string Failures = "failures";

    /// <summary>A write that lost an ETag race: already counted as its insert or update, so not a call of its own.</summary>
    public const string Conflict = "conflict";

    /// <summary>Calls made to Table Storage.</summary>
    public long Calls => Counts.Where(c => c.Key is not (Failures or Conflict)).Sum(c => c.Value);

    public long this[string operation] => Counts.GetValueOrDefault(operation);

    public StorageOperations Since(StorageOperations earlier) =>
        new(Counts.ToDictionary(c => c.Key, c => c.Value - earlier[c.Key], StringComparer.Ordinal));
}
