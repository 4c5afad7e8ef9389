using Gatehouse.Configuration;
using Gatehouse.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gatehouse.Storage;

/// <summary>Creates missing tables, queues and blob containers before the app serves its first request.</summary>
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

        foreach (var container in BlobContainerNames.All)
        {
            await clients.Container(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
