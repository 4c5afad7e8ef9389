using Gatehouse.Limits;

namespace Gatehouse.Keys;

/// <summary>An app's request for a key on a tenant's models; the key it names works only once a tenant admin approves.</summary>
public sealed record KeyRequest
{
    public const string IdPrefix = "kreq_";

    public required string Id { get; init; }

    public required string KeyId { get; init; }

    public required string Tenant { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>The rate limits asked for, as filed; the pending key carries them (an edit of the key changes the key only).</summary>
    public RateLimits Limits { get; init; } = RateLimits.None;

    public required KeyRequestStatus Status { get; init; }

    public required string RequestedBy { get; init; }

    public string? Justification { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public string? Comment { get; init; }

    /// <summary>A request id is its key's id with another prefix, so both live in one partition.</summary>
    public static string IdFor(string keyId) => IdPrefix + keyId[KeySecret.KeyIdPrefix.Length..];

    public static bool TryGetKeyId(string requestId, out string keyId)
    {
        keyId = requestId.StartsWith(IdPrefix, StringComparison.Ordinal) ? KeySecret.KeyIdPrefix + requestId[IdPrefix.Length..] : "";
        return KeySecret.IsValidKeyId(keyId);
    }
}
