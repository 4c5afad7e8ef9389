namespace Gatehouse.Rollups;

/// <summary>
/// One tenant's part of a usage batch: every row it changes, sorted by row key so the split into transactions is the
/// same on every delivery.
/// </summary>
/// <param name="Records">How many of the batch's records are this tenant's.</param>
public sealed record TenantBatch(string Tenant, IReadOnlyList<RollupChange> Changes, int Records)
{
    /// <summary>An entity-group transaction holds at most 100 operations; one is the applied marker.</summary>
    public const int MaxChangesPerTransaction = 99;

    public string Partition => RollupRowKeys.Partition(Tenant);

    /// <summary>
    /// The transactions to apply, each with its marker id: the message id when one transaction holds every change,
    /// else <c>{messageId}.{i}</c> per chunk of <see cref="MaxChangesPerTransaction"/>.
    /// </summary>
    public IReadOnlyList<(string MarkerId, IReadOnlyList<RollupChange> Changes)> Chunks(string messageId) =>
        Changes.Count <= MaxChangesPerTransaction
            ? [(messageId, Changes)]
            : [.. Changes.Chunk(MaxChangesPerTransaction).Select((chunk, i) => ($"{messageId}.{i}", (IReadOnlyList<RollupChange>)chunk))];
}
