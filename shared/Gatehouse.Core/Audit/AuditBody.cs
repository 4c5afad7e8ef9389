namespace Gatehouse.Audit;

/// <summary>
/// The prompt and response of one request, encrypted (AES-256-GCM) before it leaves the proxy: only present when the
/// body policy is <c>redacted</c> or <c>full</c>. <see cref="KeyId"/> names the key, so keys can rotate and old
/// records stay readable while their key is configured.
/// </summary>
public sealed record AuditBody
{
    /// <summary><c>redacted</c> or <c>full</c>.</summary>
    public required string Mode { get; init; }

    public required string KeyId { get; init; }

    /// <summary>Base64, 12 bytes.</summary>
    public required string Nonce { get; init; }

    /// <summary>Base64 of the encrypted JSON <c>{"prompt":…,"response":…}</c>.</summary>
    public required string Ciphertext { get; init; }

    /// <summary>Base64, 16 bytes.</summary>
    public required string Tag { get; init; }
}
