using Gatehouse.Configuration;
using Gatehouse.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gatehouse.Storage;

/// <summary>Creates missing tables and queues before the app serves its first request.</summary>
public sealed class StorageInitializer(StorageClients clients, IOptions<GatehouseOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Storage.CreateIfMissing)
        {
            return;
        }

        foreach (var table in TableNames.All)
        {
            await clients.Table(table).CreateIfNotExistsAsync(cancellationToken);
        }

        foreach (var queue in QueueNames.All)
        {
            await clients.Queue(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
