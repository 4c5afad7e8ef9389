namespace Gatehouse.Messaging;

/// <summary>
/// One per queue-triggered function. Called by the Functions host (through the custom-handler payload) or by the
/// standalone poller; throwing fails the invocation, so the message is redelivered and, after the host's
/// <c>maxDequeueCount</c>, moved to the poison queue. Handlers must therefore be idempotent.
/// </summary>
public interface IQueueMessageHandler<in TMessage>
{
    Task HandleAsync(TMessage message, QueueMessageContext context, CancellationToken cancellationToken);
}
