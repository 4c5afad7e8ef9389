namespace Gatehouse.Messaging;

/// <summary>
/// One <c>usage-events</c> queue message: a batch of records, so a busy gateway sends few messages. <see cref="Id"/> is
/// unique per batch and stable across re-sends, so the roll-up applies each batch once however often it arrives.
/// </summary>
public sealed record UsageMessage(string Id, IReadOnlyList<UsageRecord> Records);
