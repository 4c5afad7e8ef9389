using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>Parses the message text and runs the handler; throws when the message is bad or handling failed.</summary>
    public Task InvokeAsync(IServiceProvider services, string messageText, QueueMessageContext context, CancellationToken cancellationToken) =>
        _invoke(services, messageText, context, cancellationToken);
}
