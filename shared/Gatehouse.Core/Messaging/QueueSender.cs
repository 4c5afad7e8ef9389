using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Messaging;

/// <summary>
/// Sends a message's text to one queue, retrying any failure with a doubling backoff until it is sent, or until the
/// host is stopping and one more attempt has failed. The text goes through <see cref="Storage.StorageClients"/>'
/// client, so it is base64-encoded as the Functions queue trigger expects.
/// </summary>
internal sealed partial class QueueSender(QueueClient queue, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <param name="subject">Names the message in logs, e.g. <c>request 0HN…</c>; never message content.</param>
    /// <returns>False when the message was given up on because the host is stopping.</returns>
    public Task<bool> SendAsync(string text, string subject, CancellationToken stoppingToken) =>
        SendAsync(async () => await queue.SendMessageAsync(text, CancellationToken.None), subject, stoppingToken);

    /// <summary>Retries <paramref name="send"/> (which ends in a send to this queue, e.g. after an overflow upload) the same way.</summary>
    /// <returns>False when the message was given up on because the host is stopping.</returns>
    public async Task<bool> SendAsync(Func<Task> send, string subject, CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        while (true)
        {
            try
            {
                await send();
                return true;
            }
            catch (Exception e)
            {
                // Any failure (service errors, timeouts, a broken connection) is retried: the calling loop must never
                // die, or the host would stop with it.
                if (stoppingToken.IsCancellationRequested)
                {
                    LogLostOnShutdown(logger, subject, queue.Name);
                    return false;
                }

                LogSendFailed(logger, queue.Name, subject, e.Message);
                await DelayAsync(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>Waits out the backoff, cut short by shutdown so that the last attempt comes at once.</summary>
    private async Task DelayAsync(TimeSpan backoff, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(backoff, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Queue {Queue} send failed for {Subject}, retrying: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string queue, string subject, string reason);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Error, Message = "Message for {Subject} not sent to queue {Queue} before shutdown")]
    private static partial void LogLostOnShutdown(ILogger logger, string subject, string queue);
}
