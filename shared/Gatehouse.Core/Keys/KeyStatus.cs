namespace Gatehouse.Keys;

public enum KeyStatus
{
    Active,
    Revoked,
}
