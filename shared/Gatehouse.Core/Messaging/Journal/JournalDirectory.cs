using System.Globalization;

namespace Gatehouse.Messaging.Journal;

/// <summary>
/// One process instance's journal files for one queue, <c>{root}/{queue}/{instance}/</c>, held through an exclusive
/// lock on its <c>lock</c> file for as long as the instance runs. The operating system drops the lock when the process
/// dies, however it dies, so a directory whose lock can be taken belongs to nobody and is adopted for replay.
/// Not thread-safe: <see cref="MessageJournal"/> serialises access.
/// </summary>
internal sealed class JournalDirectory
{
    private const string LockFileName = "lock";
    private const string SegmentPattern = "*.log";
    private const int CreateAttempts = 5;

    private readonly FileStream _lock;
    private readonly List<JournalSegment> _segments = [];
    private long _nextSequence;

    private JournalDirectory(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    public string Path { get; }

    public IReadOnlyList<JournalSegment> Segments => _segments;

    /// <summary>A fresh directory for this instance, locked.</summary>
    public static JournalDirectory CreateOwn(string queueRoot)
    {
        for (var attempt = 1; ; attempt++)
        {
            var path = System.IO.Path.Combine(queueRoot, Guid.NewGuid().ToString("N"));
            try
            {
                Directory.CreateDirectory(path);
                return new JournalDirectory(path, OpenLock(path));
            }
            catch (IOException) when (attempt < CreateAttempts)
            {
                // Another instance can find the new directory empty and unlocked, adopt and remove it in the instant
                // before the lock is taken; then take another name.
            }
        }
    }

    /// <summary>Takes over the directory if no running instance holds it; null when one does.</summary>
    public static JournalDirectory? TryAdopt(string path)
    {
        FileStream lockFile;
        try
        {
            lockFile = OpenLock(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var adopted = new JournalDirectory(path, lockFile);
        try
        {
            foreach (var segment in Directory.GetFiles(path, SegmentPattern).Order(StringComparer.Ordinal))
            {
                adopted._segments.Add(JournalSegment.OpenLeftover(adopted, segment));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: left untouched rather than keeping the gateway from starting.
            adopted.Release();
            return null;
        }

        return adopted;
    }

    /// <summary>A new segment after every earlier one, so that file names sort in write order.</summary>
    public JournalSegment NewSegment()
    {
        var name = (_nextSequence++).ToString("D10", CultureInfo.InvariantCulture) + ".log";
        var segment = JournalSegment.Create(this, System.IO.Path.Combine(Path, name));
        _segments.Add(segment);
        return segment;
    }

    public void Remove(JournalSegment segment) => _segments.Remove(segment);

    /// <summary>Closes every file. Removes the directory when nothing is left in it; otherwise leaves it for the next start.</summary>
    public void Close()
    {
        if (_segments.Count > 0)
        {
            Release();
            return;
        }

        // Unlinked while still locked, so nobody can adopt it in between.
        File.Delete(System.IO.Path.Combine(Path, LockFileName));
        _lock.Dispose();
        try
        {
            Directory.Delete(Path);
        }
        catch (IOException)
        {
            // Something else was put there: leave it.
        }
    }

    /// <summary>Closes every file and the lock, deleting nothing.</summary>
    public void Release()
    {
        foreach (var segment in _segments)
        {
            segment.Dispose();
        }

        _lock.Dispose();
    }

    private static FileStream OpenLock(string directory) =>
        new(System.IO.Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
}
