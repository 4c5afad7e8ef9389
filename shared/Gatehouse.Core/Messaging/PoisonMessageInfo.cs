namespace Gatehouse.Messaging;

/// <summary>What a poison-queue listing shows of a message: never its content, which may hold tenant data.</summary>
public sealed record PoisonMessageInfo(string Id, DateTimeOffset? InsertedAt, long DequeueCount, int SizeBytes);
