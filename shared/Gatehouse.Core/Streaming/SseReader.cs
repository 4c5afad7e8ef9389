using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;

namespace Gatehouse.Streaming;

/// <summary>
/// Reads server-sent events from a stream as they arrive (text/event-stream, WHATWG rules: LF or CRLF lines,
/// <c>data:</c> lines joined with LF, comments skipped, a blank line ends an event). Each event is bounded in size
/// so a misbehaving upstream cannot make the gateway buffer without limit.
/// </summary>
public static class SseReader
{
    public const int DefaultMaxEventBytes = 1024 * 1024;

    public static async IAsyncEnumerable<SseEvent> ReadAsync(
        Stream stream,
        int maxEventBytes = DefaultMaxEventBytes,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        var data = new ArrayBufferWriter<byte>();
        string? eventName = null;
        var hasData = false;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                var events = new List<SseEvent>();
                while (TryReadLine(ref buffer, out var line))
                {
                    if (line.IsEmpty)
                    {
                        if (hasData)
                        {
                            events.Add(new SseEvent(eventName, data.WrittenMemory.ToArray()));
                        }

                        data.ResetWrittenCount();
                        eventName = null;
                        hasData = false;
                        continue;
                    }

                    ApplyField(line, data, ref eventName, ref hasData);
                    if (data.WrittenCount > maxEventBytes)
                    {
                        throw new InvalidDataException($"An SSE event exceeded {maxEventBytes} bytes.");
                    }
                }

                if (buffer.Length > maxEventBytes)
                {
                    throw new InvalidDataException($"An SSE line exceeded {maxEventBytes} bytes.");
                }

                foreach (var sseEvent in events)
                {
                    yield return sseEvent;
                }

                if (result.IsCompleted)
                {
                    // A stream that ends without a trailing newline or blank line still delivers its last event.
                    if (!buffer.IsEmpty)
                    {
                        ApplyField(buffer, data, ref eventName, ref hasData);
                    }

                    if (hasData)
                    {
                        yield return new SseEvent(eventName, data.WrittenMemory.ToArray());
                    }

                    yield break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, position.Value);
        if (!line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
        {
            line = line.Slice(0, line.Length - 1);
        }

        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return true;
    }

    private static void ApplyField(ReadOnlySequence<byte> line, ArrayBufferWriter<byte> data, ref string? eventName, ref bool hasData)
    {
        ReadOnlySpan<byte> span = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
        if (span[0] == (byte)':')
        {
            return; // comment / keep-alive
        }

        var colon = span.IndexOf((byte)':');
        var field = colon < 0 ? span : span[..colon];
        ReadOnlySpan<byte> value = colon < 0 ? [] : span[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (field.SequenceEqual("data"u8))
        {
            if (hasData)
            {
                data.Write("\n"u8);
            }

            data.Write(value);
            hasData = true;
        }
        else if (field.SequenceEqual("event"u8))
        {
            eventName = Encoding.UTF8.GetString(value);
        }
    }
}
