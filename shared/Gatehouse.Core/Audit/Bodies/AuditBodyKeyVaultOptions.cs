namespace Gatehouse.Audit.Bodies;

/// <summary>
/// Keys read from Azure Key Vault at start (REST, with the app's identity): <see cref="SecretNames"/> maps a key id to
/// the secret holding its base64 value. The simpler path in Azure is a Key Vault reference as the app setting of
/// <see cref="AuditBodyOptions.Keys"/>, which the platform resolves; this is for hosts without that.
/// </summary>
public sealed class AuditBodyKeyVaultOptions
{
    /// <summary>e.g. <c>https://my-vault.vault.azure.net/</c>.</summary>
    public string? VaultUri { get; set; }

    /// <summary>Key id → secret name (latest version is read).</summary>
    public Dictionary<string, string> SecretNames { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per secret read, token included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
