using System.ComponentModel.DataAnnotations;

namespace Gatehouse.Configuration;

/// <summary>
/// <c>Gatehouse:Audit:Journal</c>: the local write-ahead journal that audit events and usage records pass through on
/// their way to their queues (one sub-directory per queue), and how audit events are batched. Bound on its own
/// (not inside <see cref="GatehouseOptions"/>) and validated at start.
/// </summary>
public sealed class AuditJournalOptions
{
    public const string SectionName = "Gatehouse:Audit:Journal";

    /// <summary>A local directory; empty means <c>{temp}/gatehouse/journal</c>. Never a network share: it is locked per process.</summary>
    public string? Path { get; set; }

    /// <summary>Bytes on disk per queue; beyond it new batches are dropped (counted and logged), never held in memory.</summary>
    [Range(typeof(long), "1048576", "1099511627776")]
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>A journal file is closed (and deleted once all its batches are sent) when it reaches this size.</summary>
    [Range(typeof(long), "65536", "1073741824")]
    public long SegmentBytes { get; set; } = 16L << 20;

    /// <summary>fsync after every batch: survives a power cut too, not only a process crash, at the cost of a disk flush per batch.</summary>
    public bool FlushToDisk { get; set; }

    /// <summary>Audit events per queue message, at most (fewer when their text would pass the message size limit).</summary>
    [Range(1, 1000)]
    public int MaxBatchEvents { get; set; } = 100;

    /// <summary>How long an audit batch waits for more events after its first; also the longest an accepted event waits before it is journaled.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Audit queue sends in flight at once (one send is a network round-trip).</summary>
    [Range(1, 64)]
    public int Senders { get; set; } = 8;

    /// <summary>The directory that holds one sub-directory per queue.</summary>
    public string ResolvedPath() =>
        string.IsNullOrWhiteSpace(Path) ? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gatehouse", "journal") : Path;
}
