using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Gatehouse.Hosting;
using Gatehouse.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatehouse.IntegrationTests.Hosting;

/// <summary>The standalone poller keeps a message hidden while its handler runs longer than the visibility timeout.</summary>
public sealed class MessageLeaseTests
{
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task KeepAsync_HandlingOutlastsTheVisibilityTimeout_MessageStaysHiddenThenDeletes()
    {
        var queue = new QueueClient(TestStorage.ConnectionString, $"lease-test-{Guid.NewGuid():N}", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateAsync();
        try
        {
            await queue.SendMessageAsync("{\"id\":\"lease\"}");
            QueueMessage message = (await queue.ReceiveMessagesAsync(1, VisibilityTimeout)).Value.Single();
            var lease = new MessageLease(queue, message, VisibilityTimeout, TimeProvider.System, NullLogger.Instance);
            using var handling = new CancellationTokenSource();
            var keeping = lease.KeepAsync(handling.Token);

            // Three timeouts long: without the lease the message would be visible, and delivered, again.
            await Task.Delay(VisibilityTimeout * 3);
            QueueMessage[] redelivered = (await queue.ReceiveMessagesAsync(1, VisibilityTimeout)).Value;
            await handling.CancelAsync();
            await keeping;

            Assert.Empty(redelivered);
            await lease.DeleteAsync(); // with the latest pop receipt: the first one went stale at the first extension
            Assert.Empty((await queue.PeekMessagesAsync(1)).Value);
        }
        finally
        {
            await queue.DeleteAsync();
        }
    }
}
