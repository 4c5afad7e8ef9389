using System.Text;

namespace Gatehouse.Messaging.Journal;

/// <summary>
/// A write-ahead journal of one queue's messages on local disk: each message is appended as one line before it is
/// sent and acknowledged once the queue has it. A segment file is deleted when it takes no more appends and all its
/// lines were acknowledged, so the disk holds only what is unsent (plus, after a crash, what was sent but not yet
/// acknowledged: re-sent, and harmless, because messages keep their ids). Opening it takes over the directories of
/// instances that are no longer running, and their complete lines come back as <see cref="Recovered"/>.
/// Thread-safe: one writer appends while any number of senders read and acknowledge.
/// </summary>
internal sealed class MessageJournal : IDisposable
{
    private readonly Lock _gate = new();
    private readonly JournalSettings _settings;
    private readonly JournalDirectory _own;
    private readonly List<JournalDirectory> _adopted;
    private JournalSegment? _current;
    private long _bytes;
    private bool _disposed;

    private MessageJournal(JournalSettings settings, JournalDirectory own, List<JournalDirectory> adopted, List<JournalEntry> recovered, long bytes, int tornLines)
    {
        _settings = settings;
        _own = own;
        _adopted = adopted;
        Recovered = recovered;
        _bytes = bytes;
        TornLines = tornLines;
    }

    /// <summary>Lines left by instances that stopped before sending them, in write order per instance.</summary>
    public IReadOnlyList<JournalEntry> Recovered { get; }

    /// <summary>Last lines of leftover segments cut short by a crash mid-write, skipped.</summary>
    public int TornLines { get; }

    /// <summary>Bytes on disk: unsent lines and the rest of the segments they are in.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Locks a new instance directory under <c>{root}/{queue}</c> and adopts every unlocked one beside it.</summary>
    public static MessageJournal Open(JournalSettings settings, string queueName)
    {
        var queueRoot = Path.Combine(settings.Root, queueName);
        Directory.CreateDirectory(queueRoot);
        var own = JournalDirectory.CreateOwn(queueRoot);
        var adopted = new List<JournalDirectory>();
        var recovered = new List<JournalEntry>();
        long bytes = 0;
        var torn = 0;
        foreach (var path in Directory.GetDirectories(queueRoot).Order(StringComparer.Ordinal))
        {
            if (path == own.Path || JournalDirectory.TryAdopt(path) is not { } directory)
            {
                continue;
            }

            try
            {
                bytes += Recover(directory, recovered, ref torn);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Unreadable leftovers must not keep the gateway from starting: released untouched for a later start.
                recovered.RemoveAll(entry => entry.Segment.Directory == directory);
                directory.Release();
                continue;
            }

            if (directory.Segments.Count == 0)
            {
                directory.Close();
                continue;
            }

            adopted.Add(directory);
        }

        return new MessageJournal(settings, own, adopted, recovered, bytes, torn);
    }

    /// <summary>Queues the complete lines of an adopted directory's segments; deletes segments with none.</summary>
    /// <returns>The bytes of the segments kept.</returns>
    private static long Recover(JournalDirectory directory, List<JournalEntry> recovered, ref int torn)
    {
        long bytes = 0;
        foreach (var segment in directory.Segments.ToList())
        {
            var lines = segment.CompleteLines(out var tornBytes);
            torn += tornBytes > 0 ? 1 : 0;
            segment.Pending = lines.Count;
            recovered.AddRange(lines.Select(line => new JournalEntry(segment, line.Offset, line.Length)));
            if (lines.Count == 0)
            {
                segment.Delete();
                directory.Remove(segment);
                continue;
            }

            bytes += segment.Length;
        }

        return bytes;
    }

    /// <summary>Appends one line (it must not contain a newline).</summary>
    /// <returns>Null when the journal is at <see cref="JournalSettings.MaxBytes"/>.</returns>
    /// <exception cref="IOException">The disk refused the write; the line is not journaled.</exception>
    public JournalEntry? TryAppend(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_bytes + bytes.Length > _settings.MaxBytes)
            {
                return null;
            }

            if (_current is { } full && full.Length >= _settings.SegmentBytes)
            {
                Seal(full);
            }

            _current ??= _own.NewSegment();
            var segment = _current;
            long offset;
            try
            {
                offset = segment.Append(bytes, _settings.FlushToDisk);
            }
            catch (IOException)
            {
                // A partial line may be on disk: append nothing more after it (a replay skips it as torn).
                Seal(segment);
                throw;
            }

            segment.Pending++;
            _bytes += bytes.Length;
            return new JournalEntry(segment, offset, bytes.Length - 1);
        }
    }

    /// <summary>The line's text. Safe without the lock: a segment is only deleted once all its lines are acknowledged.</summary>
    public string Read(JournalEntry entry)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        return entry.Segment.Read(entry.Offset, entry.Length);
    }

    /// <summary>The line was sent: once its segment has nothing left to send and takes no more appends, the file goes.</summary>
    public void Acknowledge(JournalEntry entry)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var segment = entry.Segment;
            segment.Pending--;
            if (segment.Pending > 0)
            {
                return;
            }

            // The current segment is retired as soon as it is all sent (the next append starts a new file), so a
            // crash leaves as little as possible to send twice.
            if (segment == _current)
            {
                _current = null;
                segment.Sealed = true;
            }

            if (segment.Sealed)
            {
                Retire(segment);
            }
        }
    }

    /// <summary>Closes every file; directories with unsent lines stay for the next start to replay.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _own.Close();
            foreach (var directory in _adopted)
            {
                directory.Close();
            }
        }
    }

    private void Seal(JournalSegment segment)
    {
        segment.Sealed = true;
        if (segment == _current)
        {
            _current = null;
        }

        if (segment.Pending == 0)
        {
            Retire(segment);
        }
    }

    private void Retire(JournalSegment segment)
    {
        segment.Delete();
        _bytes -= segment.Length;
        var directory = segment.Directory;
        directory.Remove(segment);
        if (directory != _own && directory.Segments.Count == 0)
        {
            directory.Close();
            _adopted.Remove(directory);
        }
    }
}
