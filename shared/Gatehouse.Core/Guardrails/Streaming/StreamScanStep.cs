using Gatehouse.Providers;

namespace Gatehouse.Guardrails.Streaming;

/// <summary>
/// What to relay in place of one upstream chunk (none, the chunk itself, a rewritten copy, or held text flushed before
/// it), or, when <see cref="Blocked"/> is set, the finding types the answer was blocked for: relay nothing more.
/// </summary>
public sealed record StreamScanStep(IReadOnlyList<ChatStreamChunk> Chunks, IReadOnlyList<string>? Blocked = null)
{
    public static StreamScanStep Nothing { get; } = new([]);
}
