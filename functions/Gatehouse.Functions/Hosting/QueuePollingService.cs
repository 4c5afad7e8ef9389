using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Gatehouse.Configuration;
using Gatehouse.Messaging;
using Gatehouse.Storage;
using Microsoft.Extensions.Options;

namespace Gatehouse.Hosting;

/// <summary>
/// Standalone mode's stand-in for the Functions queue trigger: polls each function's queue and runs the same
/// handler, with the host's semantics (visibility timeout, extended while a handler runs, delete on success,
/// <c>-poison</c> queue after <c>MaxDequeueCount</c> failed deliveries, back-off while idle).
/// </summary>
internal sealed partial class QueuePollingService(
    IEnumerable<QueueFunction> functions,
    StorageClients storage,
    IServiceProvider services,
    IOptions<GatehouseOptions> options,
    HostingMode mode,
    TimeProvider time,
    ILogger<QueuePollingService> logger) : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);
    private readonly WorkerOptions _options = options.Value.Workers;

    /// <summary>Under the Functions host the queue triggers deliver instead, so the pollers stay off.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        mode.IsCustomHandler || !_options.PollQueues
            ? Task.CompletedTask
            : Task.WhenAll(functions.Select(f => PollAsync(f, stoppingToken)));

    private async Task PollAsync(QueueFunction function, CancellationToken stoppingToken)
    {
        var queue = storage.Queue(function.QueueName);
        var poison = storage.Queue(QueueNames.Poison(function.QueueName));
        var idleDelay = MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(_options.BatchSize, _options.VisibilityTimeout, stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(idleDelay, time, stoppingToken);
                    idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, _options.MaxPollingInterval.Ticks));
                    continue;
                }

                idleDelay = MinPollingInterval;
                await Task.WhenAll(messages.Select(m => HandleAsync(function, queue, poison, m, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Never let the loop die (an unhandled exception in a background service stops the host).
                LogQueueUnavailable(logger, function.QueueName, e.GetType().Name, e.Message);
                await Task.Delay(_options.MaxPollingInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task HandleAsync(QueueFunction function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        var text = message.Body.ToString();
        var lease = new MessageLease(queue, message, _options.VisibilityTimeout, time, logger);
        try
        {
            using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var keeping = lease.KeepAsync(renewal.Token);
            try
            {
                var context = new QueueMessageContext(function.FunctionName, message.MessageId, message.DequeueCount, message.InsertedOn);
                await function.InvokeAsync(services, text, context, stoppingToken);
            }
            finally
            {
                await renewal.CancelAsync();
                await keeping;
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, e, function.FunctionName, message.MessageId, message.DequeueCount);
            if (message.DequeueCount >= _options.MaxDequeueCount)
            {
                await poison.SendMessageAsync(text, CancellationToken.None);
                await lease.DeleteAsync();
                LogPoisoned(logger, function.FunctionName, message.MessageId);
            }

            // Otherwise the message reappears after the visibility timeout and is tried again.
            return;
        }

        try
        {
            await lease.DeleteAsync();
        }
        catch (RequestFailedException e)
        {
            // Handled, but it stays in the queue and comes back: harmless, handlers are idempotent. Never poison it.
            LogNotDeleted(logger, function.FunctionName, message.MessageId, e.Status);
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Polling queue {Queue} failed ({Error}: {Reason}); retrying")]
    private static partial void LogQueueUnavailable(ILogger logger, string queue, string error, string reason);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "{Function}: message {MessageId} failed on delivery {DequeueCount}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "{Function}: message {MessageId} moved to the poison queue")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "{Function}: message {MessageId} handled but not deleted (status {Status}); it will be delivered again")]
    private static partial void LogNotDeleted(ILogger logger, string function, string messageId, int status);
}
