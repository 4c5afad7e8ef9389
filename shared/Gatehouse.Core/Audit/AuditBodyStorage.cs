using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Gatehouse.Messaging;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Audit;

/// <summary>
/// Where a record's encrypted body envelope goes: the <c>Body</c> column when it fits, else a blob in
/// <c>audit-bodies</c> named by <c>BodyBlob</c>. <c>BodySha256</c> (hashed into the chain) pins the text either way.
/// </summary>
public sealed class AuditBodyStorage(StorageClients storage)
{
    /// <summary>A table string column holds 64 KiB of UTF-16 (32 Ki chars); this leaves room and keeps transactions small.</summary>
    public const int MaxInlineChars = 30_000;

    private readonly BlobContainerClient _container = storage.Container(BlobContainerNames.AuditBodies);

    /// <summary>Sets the body columns of <paramref name="row"/>, uploading the envelope first when it is too large for one.</summary>
    public async Task AttachAsync(AuditLogEntity row, AuditBody? body, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return;
        }

        var text = JsonSerializer.Serialize(body, MessageJson.Options);
        row.BodySha256 = Sha256(text);
        if (text.Length <= MaxInlineChars)
        {
            row.Body = text;
            return;
        }

        // Named by content: a redelivery (or a retried attempt) writes the same bytes to the same name, and an
        // envelope that differs can never replace the one a committed record points at.
        row.BodyBlob = $"{row.PartitionKey}/{row.RowKey}/{row.BodySha256}.json";
        await _container.GetBlobClient(row.BodyBlob).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);
    }

    /// <summary>
    /// The envelope text of a blob, or null when it does not exist. With <paramref name="maxBytes"/>, a larger blob is
    /// refused (<see cref="Bodies.AuditBodyException"/>) before it is downloaded: no body the gateway writes is that big.
    /// </summary>
    public async Task<string?> ReadBlobAsync(string name, long? maxBytes, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(name);
        try
        {
            if (maxBytes is { } limit && (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength > limit)
            {
                throw new Bodies.AuditBodyException($"The body blob '{name}' is larger than {limit} bytes.");
            }

            var content = await blob.DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
