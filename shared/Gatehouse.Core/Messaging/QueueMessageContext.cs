namespace Gatehouse.Messaging;

/// <summary>What the trigger knows about a delivery, whichever host delivered it.</summary>
public sealed record QueueMessageContext(string FunctionName, string MessageId, long DequeueCount, DateTimeOffset? InsertionTime);
