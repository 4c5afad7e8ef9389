using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Gatehouse.Messaging.Journal;

/// <summary>
/// One journal file: UTF-8 lines, each ending in a newline, appended by one writer and read back by position.
/// Written without a user-space buffer, so a line is in the operating system's hands (safe from a process crash)
/// as soon as <see cref="Append"/> returns. The journal's lock guards <see cref="Pending"/> and <see cref="Sealed"/>.
/// </summary>
internal sealed class JournalSegment : IDisposable
{
    private readonly SafeFileHandle _file;

    private JournalSegment(JournalDirectory directory, string path, SafeFileHandle file, long length)
    {
        Directory = directory;
        Path = path;
        _file = file;
        Length = length;
    }

    public JournalDirectory Directory { get; }

    public string Path { get; }

    public long Length { get; private set; }

    /// <summary>Lines not yet acknowledged (sent).</summary>
    public int Pending { get; set; }

    /// <summary>No more appends: the segment is deleted once nothing is pending.</summary>
    public bool Sealed { get; set; }

    public static JournalSegment Create(JournalDirectory directory, string path) =>
        new(directory, path, File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read), 0);

    /// <summary>A leftover segment of a stopped or crashed instance: read-only, sealed.</summary>
    public static JournalSegment OpenLeftover(JournalDirectory directory, string path)
    {
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return new JournalSegment(directory, path, file, RandomAccess.GetLength(file)) { Sealed = true };
    }

    /// <param name="line">The line's bytes, newline included.</param>
    /// <returns>The line's offset.</returns>
    public long Append(ReadOnlySpan<byte> line, bool flushToDisk)
    {
        var offset = Length;
        RandomAccess.Write(_file, line, offset);
        if (flushToDisk)
        {
            RandomAccess.FlushToDisk(_file);
        }

        Length += line.Length;
        return offset;
    }

    public string Read(long offset, int length)
    {
        var buffer = new byte[length];
        ReadExactly(buffer, offset);
        return Encoding.UTF8.GetString(buffer);
    }

    /// <summary>Every complete, non-empty line. A last line without its newline was torn by a crash mid-write: skipped.</summary>
    public List<(long Offset, int Length)> CompleteLines(out int tornBytes)
    {
        var content = new byte[Length];
        ReadExactly(content, 0);
        var lines = new List<(long, int)>();
        var start = 0;
        int end;
        while ((end = Array.IndexOf(content, (byte)'\n', start)) >= 0)
        {
            if (end > start)
            {
                lines.Add((start, end - start));
            }

            start = end + 1;
        }

        tornBytes = content.Length - start;
        return lines;
    }

    /// <summary>Closes and removes the file (a missing file is fine: the work is done either way).</summary>
    public void Delete()
    {
        _file.Dispose();
        File.Delete(Path);
    }

    public void Dispose() => _file.Dispose();

    private void ReadExactly(byte[] buffer, long offset)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var read = RandomAccess.Read(_file, buffer.AsSpan(done), offset + done);
            if (read == 0)
            {
                throw new EndOfStreamException($"Journal segment {Path} is shorter than expected.");
            }

            done += read;
        }
    }
}
