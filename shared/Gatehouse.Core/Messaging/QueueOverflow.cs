using Azure.Storage.Blobs;
using Gatehouse.Storage;

namespace Gatehouse.Messaging;

/// <summary>
/// Messages too large for a queue message go to the <c>queue-overflow</c> container, and the queue gets a pointer.
/// Blobs are overwritten by a re-send (same name) and never deleted by the reader, since a redelivered pointer must
/// still find its blob; a lifecycle rule on the container expires them.
/// </summary>
internal sealed class QueueOverflow(StorageClients storage)
{
    private readonly BlobContainerClient _container = storage.Container(BlobContainerNames.QueueOverflow);

    /// <summary><c>{queue}/{yyyyMMdd}/{batchId}.json</c>.</summary>
    public static string BlobName(string queueName, string day, string batchId) => $"{queueName}/{day}/{batchId}.json";

    public async Task UploadAsync(string blobName, string text, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);

    /// <exception cref="InvalidDataException">The name is not one of <paramref name="queueName"/>'s overflow blobs.</exception>
    public async Task<string> DownloadAsync(string queueName, string blobName, CancellationToken cancellationToken)
    {
        // A queue message names the blob: keep it to this queue's own prefix, never a path outside it.
        if (!blobName.StartsWith(queueName + "/", StringComparison.Ordinal) || blobName.Contains("..", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Overflow blob name '{blobName}' is not under '{queueName}/'.");
        }

        var content = await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
        return content.Value.Content.ToString();
    }
}
