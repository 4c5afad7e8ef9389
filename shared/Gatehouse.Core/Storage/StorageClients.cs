using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Gatehouse.Storage;

/// <summary>The Table, Queue and Blob service clients, built once. Retries are short: storage sits on the request path.</summary>
public sealed class StorageClients
{
    public StorageClients(StorageConnection connection)
    {
        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var blobOptions = new BlobClientOptions();
        Configure(tableOptions.Retry);
        Configure(queueOptions.Retry);
        Configure(blobOptions.Retry);

        // The Functions queue trigger expects base64 message text by default (host.json messageEncoding).
        if (connection.ConnectionString is { } connectionString)
        {
            Tables = new TableServiceClient(connectionString, tableOptions);
            Queues = new QueueServiceClient(connectionString, queueOptions);
            Blobs = new BlobServiceClient(connectionString, blobOptions);
        }
        else
        {
            Tables = new TableServiceClient(connection.TableServiceUri!, connection.Credential!, tableOptions);
            Queues = new QueueServiceClient(connection.QueueServiceUri!, connection.Credential!, queueOptions);
            Blobs = new BlobServiceClient(connection.BlobServiceUri!, connection.Credential!, blobOptions);
        }
    }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    public TableClient Table(string name) => Tables.GetTableClient(name);

    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    private static void Configure(RetryOptions retry)
    {
        retry.MaxRetries = 2;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.NetworkTimeout = TimeSpan.FromSeconds(10);
    }
}
