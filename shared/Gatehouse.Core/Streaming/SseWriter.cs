using System.Buffers;
using System.IO.Pipelines;

namespace Gatehouse.Streaming;

/// <summary>Writes server-sent events and flushes each one, so the client sees every chunk as soon as it exists.</summary>
public static class SseWriter
{
    public static async ValueTask WriteDataAsync(PipeWriter writer, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        writer.Write("data: "u8);
        writer.Write(data.Span);
        writer.Write("\n\n"u8);
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>The event with <paramref name="omitted"/> left out of its data, without copying the rest.</summary>
    public static async ValueTask WriteDataAsync(PipeWriter writer, ReadOnlyMemory<byte> data, Range omitted, CancellationToken cancellationToken)
    {
        var (offset, length) = omitted.GetOffsetAndLength(data.Length);
        writer.Write("data: "u8);
        writer.Write(data.Span[..offset]);
        writer.Write(data.Span[(offset + length)..]);
        writer.Write("\n\n"u8);
        await writer.FlushAsync(cancellationToken);
    }

    public static ValueTask WriteDoneAsync(PipeWriter writer, CancellationToken cancellationToken) =>
        WriteDataAsync(writer, "[DONE]"u8.ToArray(), cancellationToken);
}
