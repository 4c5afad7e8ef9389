namespace Gatehouse.Access.Entra;

/// <summary>How an Entra bearer token fared; each maps to one admin API answer.</summary>
public enum EntraValidationOutcome
{
    /// <summary>Genuine, current, for this API, and carrying at least one recognised app role.</summary>
    Valid,

    /// <summary>Not acceptable (bad signature, wrong audience, issuer or directory, expired, malformed): 401.</summary>
    Invalid,

    /// <summary>Genuine but grants nothing here (no recognised app role): 403, since the caller is known.</summary>
    NoRoles,

    /// <summary>Entra's metadata or signing keys could not be fetched, so nothing can be verified: 503, never a pass.</summary>
    Unavailable,
}
