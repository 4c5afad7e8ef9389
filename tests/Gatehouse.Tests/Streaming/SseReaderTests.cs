using System.Text;
using Gatehouse.Streaming;

namespace Gatehouse.Tests.Streaming;

public sealed class SseReaderTests
{
    private static async Task<List<(string? Name, string Data)>> ReadAll(Stream stream, int max = SseReader.DefaultMaxEventBytes)
    {
        var events = new List<(string?, string)>();
        await foreach (var e in SseReader.ReadAsync(stream, max))
        {
            events.Add((e.EventName, Encoding.UTF8.GetString(e.Data.Span)));
        }

        return events;
    }

    [Fact]
    public async Task ReadAsync_LfAndCrLf_CommentsAndMultiLineData()
    {
        var text = ": keep-alive\n\ndata: {\"a\":1}\n\nevent: ping\r\ndata: line1\r\ndata: line2\r\n\r\ndata:[DONE]\n\n";

        var events = await ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        Assert.Equal([(null, "{\"a\":1}"), ("ping", "line1\nline2"), (null, "[DONE]")], events);
    }

    [Fact]
    public async Task ReadAsync_EventSplitAcrossReads_IsJoined()
    {
        var stream = new TrickleStream(Encoding.UTF8.GetBytes("data: {\"content\":\"hel\"}\n\ndata: [DONE]\n\n"), chunkSize: 3);

        var events = await ReadAll(stream);

        Assert.Equal(["{\"content\":\"hel\"}", "[DONE]"], events.Select(e => e.Data));
    }

    [Fact]
    public async Task ReadAsync_LastEventWithoutBlankLine_StillDelivered()
    {
        var events = await ReadAll(new MemoryStream("data: tail"u8.ToArray()));

        Assert.Equal("tail", Assert.Single(events).Data);
    }

    [Fact]
    public async Task ReadAsync_OversizedEvent_Throws()
    {
        var big = "data: " + new string('x', 5000) + "\n\n";

        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(big)), max: 1024));
    }

    /// <summary>Hands out a few bytes per read, like a network stream under load.</summary>
    private sealed class TrickleStream(byte[] data, int chunkSize) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunkSize));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunkSize)], cancellationToken);
    }
}
