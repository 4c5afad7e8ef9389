namespace Gatehouse.Keys;

/// <summary>
/// A presented secret resolved to its key, with that secret's own end (set when the key was rotated with a grace
/// period). Both ends are checked at use time against the clock, so a cached match cannot outlive either.
/// </summary>
public sealed record KeyMatch(VirtualKey Key, DateTimeOffset? SecretExpiresAt)
{
    public bool IsUsableAt(DateTimeOffset now) => Key.StatusAt(now) == KeyStatus.Active && !(SecretExpiresAt <= now);
}
