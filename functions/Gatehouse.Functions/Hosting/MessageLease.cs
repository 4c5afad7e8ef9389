using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Gatehouse.Hosting;

/// <summary>
/// Keeps a received message invisible while its handler runs, as the Functions host's queue listener does: every half
/// visibility timeout the timeout is extended again. Without it, a handler slower than the timeout (storage under
/// load, a partition's writes taking turns) sees its message delivered a second time while it is still working on it.
/// Each extension returns a new pop receipt; <see cref="DeleteAsync"/> uses the latest.
/// </summary>
internal sealed partial class MessageLease(QueueClient queue, QueueMessage message, TimeSpan visibilityTimeout, TimeProvider time, ILogger logger)
{
    private string _popReceipt = message.PopReceipt;

    /// <summary>
    /// Extends the message's invisibility until cancelled, or until the queue refuses (the message was lost). Await it
    /// after cancelling and before <see cref="DeleteAsync"/>, so an extension in flight lands first.
    /// </summary>
    public async Task KeepAsync(CancellationToken cancellationToken)
    {
        var interval = visibilityTimeout / 2;
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, cancellationToken);

                // Never cancelled once sent: an update the service applied but whose new pop receipt we dropped would
                // make the delete that follows fail.
                UpdateReceipt updated = await queue.UpdateMessageAsync(message.MessageId, _popReceipt, visibilityTimeout: visibilityTimeout, cancellationToken: CancellationToken.None);
                _popReceipt = updated.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (RequestFailedException e)
        {
            // Too late (it became visible and another receiver took it) or the queue is unreachable: the message will
            // be delivered again, which handlers are built for.
            LogLost(logger, queue.Name, message.MessageId, e.Status);
        }
    }

    public Task DeleteAsync() => queue.DeleteMessageAsync(message.MessageId, _popReceipt, CancellationToken.None);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Queue {Queue}: could not extend message {MessageId}'s visibility (status {Status}); it may be delivered again")]
    private static partial void LogLost(ILogger logger, string queue, string messageId, int status);
}
