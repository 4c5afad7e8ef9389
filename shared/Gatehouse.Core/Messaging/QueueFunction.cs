using System.Text.Json;
using Gatehouse.Alerts;
using Gatehouse.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gatehouse.Messaging;

/// <summary>
/// A queue-triggered function: its name (the function.json folder, and the custom-handler route
/// <c>POST /{FunctionName}</c>), the queue it reads, and how to hand a message's text to its handler.
/// </summary>
public sealed class QueueFunction
{
    private readonly Func<IServiceProvider, string, QueueMessageContext, CancellationToken, Task> _invoke;

    private QueueFunction(string functionName, string queueName, Func<IServiceProvider, string, QueueMessageContext, CancellationToken, Task> invoke)
    {
        FunctionName = functionName;
        QueueName = queueName;
        _invoke = invoke;
    }

    public string FunctionName { get; }

    public string QueueName { get; }

    public static QueueFunction Create<TMessage, THandler>(string functionName, string queueName)
        where THandler : IQueueMessageHandler<TMessage> =>
        new(functionName, queueName, async (services, text, context, ct) =>
        {
            var message = JsonSerializer.Deserialize<TMessage>(text, MessageJson.Options)
                ?? throw new JsonException($"Message {context.MessageId} for {functionName} is empty.");
            await services.GetRequiredService<THandler>().HandleAsync(message, context, ct);
        });

    /// <summary>
    /// Parses the message text and runs the handler; throws when the message is bad or handling failed. A failure on
    /// the last allowed delivery (<c>Gatehouse:Workers:MaxDequeueCount</c>, equal to host.json's <c>maxDequeueCount</c>)
    /// first raises the poison alert: both hosts then move the message to the poison queue.
    /// </summary>
    public async Task InvokeAsync(IServiceProvider services, string messageText, QueueMessageContext context, CancellationToken cancellationToken)
    {
        try
        {
            await _invoke(services, messageText, context, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsLastDelivery(services, context))
        {
            await services.GetRequiredService<PoisonAlerts>().RaiseAsync(QueueName, context, e, cancellationToken);
            throw;
        }
    }

    private static bool IsLastDelivery(IServiceProvider services, QueueMessageContext context) =>
        context.DequeueCount >= services.GetRequiredService<IOptions<GatehouseOptions>>().Value.Workers.MaxDequeueCount;
}
