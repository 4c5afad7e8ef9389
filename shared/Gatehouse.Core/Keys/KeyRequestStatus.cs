namespace Gatehouse.Keys;

/// <summary><see cref="Expired"/> is derived: a pending request past its end reads as expired and cannot be approved.</summary>
public enum KeyRequestStatus
{
    Pending,
    Approved,
    Rejected,
    Expired,
}
