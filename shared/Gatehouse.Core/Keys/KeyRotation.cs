namespace Gatehouse.Keys;

public enum RotationOutcome
{
    Rotated,
    NotFound,

    /// <summary>Only active keys rotate: a pending key is approved first, a revoked or expired one is replaced.</summary>
    NotActive,

    /// <summary>Too many older secrets are still inside their grace periods.</summary>
    TooManySecrets,
}

/// <summary>The result of a rotation; <see cref="Secret"/> exists only here.</summary>
public sealed record KeyRotation(RotationOutcome Outcome, VirtualKey? Key = null, string? Secret = null, DateTimeOffset? PreviousSecretExpiresAt = null);
