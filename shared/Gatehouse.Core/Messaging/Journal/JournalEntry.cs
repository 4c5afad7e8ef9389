namespace Gatehouse.Messaging.Journal;

/// <summary>Where one journaled line is: its segment, byte offset and length (without the newline).</summary>
internal sealed record JournalEntry(JournalSegment Segment, long Offset, int Length);
