using System.Globalization;
using System.Text.Json;
using Gatehouse.Messaging;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Alerts;

/// <summary>
/// Raises the <see cref="AlertKinds.PoisonMessage"/> alert when a message fails its last allowed delivery, in either
/// host. It goes straight to the <c>alerts</c> queue (falling back to the buffered publisher when that fails); a
/// message of the <c>alerts</c> queue itself is recorded directly and posted once instead, never queued as an alert
/// (that could loop). Never throws: the caller is already handling a failure.
/// </summary>
public sealed partial class PoisonAlerts(StorageClients storage, AlertDispatcher dispatcher, AlertPublisher publisher, TimeProvider time, ILogger<PoisonAlerts> logger)
{
    public static string AlertId(string queueName, string messageId) => $"poison:{queueName}:{messageId}";

    public async Task RaiseAsync(string queueName, QueueMessageContext context, Exception failure, CancellationToken cancellationToken)
    {
        var alert = For(queueName, context, failure.GetType().Name, time.GetUtcNow());
        try
        {
            if (queueName == QueueNames.Alerts)
            {
                await dispatcher.DispatchAsync(alert, maxAttempts: 1, cancellationToken);
            }
            else
            {
                await storage.Queue(QueueNames.Alerts).SendMessageAsync(JsonSerializer.Serialize(alert, MessageJson.Options), cancellationToken);
            }

            LogRaised(logger, queueName, context.MessageId);
        }
        catch (Exception e)
        {
            LogRaiseFailed(logger, queueName, context.MessageId, e.GetType().Name);
            if (queueName != QueueNames.Alerts)
            {
                publisher.TryPublish(alert); // retried in the background until the queue takes it
            }
        }
    }

    /// <summary>The alert; it names the exception type only, since a message can quote the (tenant's) content.</summary>
    public static AlertMessage For(string queueName, QueueMessageContext context, string errorType, DateTimeOffset now) => new()
    {
        Id = AlertId(queueName, context.MessageId),
        Kind = AlertKinds.PoisonMessage,
        Time = now,
        Scope = "queue",
        ScopeId = queueName,
        MessageId = context.MessageId,
        Count = (int)Math.Min(context.DequeueCount, int.MaxValue),
        Message = string.Create(CultureInfo.InvariantCulture,
            $"Message {context.MessageId} on queue {queueName} failed {context.DequeueCount} deliveries ({errorType}) and was moved to {QueueNames.Poison(queueName)}. Fix the cause, then replay it: ./gatehouse queues replay --queue {queueName}"),
    };

    [LoggerMessage(EventId = 9421, Level = LogLevel.Error, Message = "Poison alert raised for message {MessageId} of queue {Queue}")]
    private static partial void LogRaised(ILogger logger, string queue, string messageId);

    [LoggerMessage(EventId = 9422, Level = LogLevel.Error, Message = "Could not raise the poison alert for message {MessageId} of queue {Queue} ({Error})")]
    private static partial void LogRaiseFailed(ILogger logger, string queue, string messageId, string error);
}
