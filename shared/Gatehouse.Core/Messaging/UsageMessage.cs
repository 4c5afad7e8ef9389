namespace Gatehouse.Messaging;

/// <summary>One <c>usage-events</c> queue message: a batch of records, so a busy gateway sends few messages.</summary>
public sealed record UsageMessage(IReadOnlyList<UsageRecord> Records);
