namespace Gatehouse.Keys;

/// <summary>
/// A key's lifecycle. <see cref="Expired"/> is never stored: it is how an active key past its expiry reads
/// (<see cref="VirtualKey.StatusAt"/>), so expiry needs no background job.
/// </summary>
public enum KeyStatus
{
    /// <summary>Issued through a key request and waiting for a tenant admin's approval; does not authenticate.</summary>
    Pending,
    Active,
    Expired,
    Revoked,
}
