namespace Gatehouse.Configuration;

/// <summary>
/// Which storage account to use. Empty means: reuse the Functions host's <c>AzureWebJobsStorage</c>
/// setting (a connection string, or the identity-based <c>AzureWebJobsStorage__*</c> settings).
/// </summary>
public sealed class StorageOptions
{
    /// <summary>A connection string, e.g. <c>UseDevelopmentStorage=true</c> for Azurite on its default ports.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Create missing tables and queues at start (needs the data-contributor roles in Azure).</summary>
    public bool CreateIfMissing { get; set; } = true;
}
