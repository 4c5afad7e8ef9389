namespace Gatehouse.Streaming;

/// <summary>One server-sent event: the optional <c>event:</c> name and the joined <c>data:</c> lines.</summary>
public readonly record struct SseEvent(string? EventName, ReadOnlyMemory<byte> Data);
