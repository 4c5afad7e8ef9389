namespace Gatehouse.Audit.Bodies;

/// <summary>
/// <c>Gatehouse:Audit:Bodies</c>: whether prompt and response bodies are kept with the audit record, how large, and the
/// AES-256 keys that encrypt them. Keys come from <see cref="Keys"/> (in Azure, app settings that are Key Vault
/// references) or are read from Key Vault at start (<see cref="KeyVault"/>). Checked at start by
/// <see cref="AuditBodyOptionsValidator"/>: a mode other than off without a usable active key stops the gateway.
/// </summary>
public sealed class AuditBodyOptions
{
    public const string SectionName = "Gatehouse:Audit:Bodies";

    public const int DefaultMaxBytes = 256 * 1024;

    public const int MinMaxBytes = 1024;

    /// <summary>Beyond this a body would no longer fit the queue and table comfortably even as a blob pointer's payload.</summary>
    public const int MaxMaxBytes = 4 * 1024 * 1024;

    public AuditBodyMode Mode { get; set; } = AuditBodyMode.Off;

    /// <summary>UTF-8 bytes kept of the prompt and, separately, of the response; the rest is cut and the record says so.</summary>
    public int MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>The key new bodies are encrypted with; must be one of <see cref="Keys"/> or <see cref="AuditBodyKeyVaultOptions.SecretNames"/>.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>Key id → base64 of 32 random bytes (<c>openssl rand -base64 32</c>). Old keys stay listed so old records stay readable.</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    public AuditBodyKeyVaultOptions KeyVault { get; set; } = new();
}
