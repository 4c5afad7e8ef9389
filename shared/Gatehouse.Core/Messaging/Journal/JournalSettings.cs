using Gatehouse.Configuration;

namespace Gatehouse.Messaging.Journal;

/// <param name="Root">Holds one sub-directory per queue.</param>
/// <param name="MaxBytes">Per queue: appends beyond it are refused.</param>
/// <param name="SegmentBytes">A segment takes no more appends once this size.</param>
/// <param name="FlushToDisk">fsync after every append.</param>
internal sealed record JournalSettings(string Root, long MaxBytes, long SegmentBytes, bool FlushToDisk)
{
    public static JournalSettings From(AuditJournalOptions options) =>
        new(options.ResolvedPath(), options.MaxBytes, options.SegmentBytes, options.FlushToDisk);
}
