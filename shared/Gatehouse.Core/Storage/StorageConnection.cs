using Azure.Core;
using Azure.Identity;
using Gatehouse.Configuration;
using Microsoft.Extensions.Configuration;

namespace Gatehouse.Storage;

/// <summary>
/// Where storage lives and how to authenticate, read the way the Functions host reads it, so one set of settings
/// serves both: <c>Gatehouse:Storage:ConnectionString</c>, else the <c>AzureWebJobsStorage</c> connection string,
/// else the identity-based <c>AzureWebJobsStorage__accountName</c> / <c>__tableServiceUri</c> /
/// <c>__queueServiceUri</c> / <c>__blobServiceUri</c> / <c>__credential</c> / <c>__clientId</c> settings.
/// </summary>
public sealed class StorageConnection
{
    private const string HostSection = "AzureWebJobsStorage";

    private StorageConnection(string? connectionString, Uri? tableUri, Uri? queueUri, Uri? blobUri, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        TableServiceUri = tableUri;
        QueueServiceUri = queueUri;
        BlobServiceUri = blobUri;
        Credential = credential;
    }

    public string? ConnectionString { get; }

    public Uri? TableServiceUri { get; }

    public Uri? QueueServiceUri { get; }

    /// <summary>For audit events too large for a queue message, and stored prompt and response bodies.</summary>
    public Uri? BlobServiceUri { get; }

    public TokenCredential? Credential { get; }

    /// <summary>Resolves the settings; returns null and a reason when nothing usable is configured.</summary>
    public static StorageConnection? TryResolve(StorageOptions options, IConfiguration configuration, out string? problem)
    {
        problem = null;
        if (options.ConnectionString is { Length: > 0 } explicitConnection)
        {
            return new StorageConnection(explicitConnection, null, null, null, null);
        }

        if (configuration[HostSection] is { Length: > 0 } hostConnection)
        {
            return new StorageConnection(hostConnection, null, null, null, null);
        }

        var host = configuration.GetSection(HostSection);
        var account = host["accountName"];
        var tableUri = host["tableServiceUri"] ?? (account is null ? null : $"https://{account}.table.core.windows.net");
        var queueUri = host["queueServiceUri"] ?? (account is null ? null : $"https://{account}.queue.core.windows.net");
        var blobUri = host["blobServiceUri"] ?? (account is null ? null : $"https://{account}.blob.core.windows.net");
        if (tableUri is null || queueUri is null || blobUri is null)
        {
            problem = "No storage configured: set Gatehouse:Storage:ConnectionString, AzureWebJobsStorage, "
                + "or AzureWebJobsStorage__accountName (with __credential=managedidentity in Azure).";
            return null;
        }

        return new StorageConnection(null, new Uri(tableUri), new Uri(queueUri), new Uri(blobUri), CreateCredential(host));
    }

    private static TokenCredential CreateCredential(IConfigurationSection host) =>
        string.Equals(host["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(host["clientId"] is { Length: > 0 } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
}
