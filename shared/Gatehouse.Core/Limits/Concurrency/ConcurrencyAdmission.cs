namespace Gatehouse.Limits;

/// <summary>
/// Admitted (holding one slot per check until disposed), refused by a limit (<see cref="Refused"/>), or refused
/// because the shared slots are unreachable and the policy is fail-closed (<see cref="StorageUnavailable"/>).
/// </summary>
public sealed class ConcurrencyAdmission : IDisposable
{
    private ScopeSlots[]? _held;

    private ConcurrencyAdmission(bool admitted, ConcurrencyCheck? refused, bool storageUnavailable, ScopeSlots[]? held)
    {
        Admitted = admitted;
        Refused = refused;
        StorageUnavailable = storageUnavailable;
        _held = held;
    }

    /// <summary>Admitted with no concurrency limit to hold.</summary>
    public static ConcurrencyAdmission Unlimited { get; } = new(true, null, false, null);

    public bool Admitted { get; }

    /// <summary>The check that had no slot free; null when admitted or when storage was unavailable.</summary>
    public ConcurrencyCheck? Refused { get; }

    public bool StorageUnavailable { get; }

    internal static ConcurrencyAdmission Holding(ScopeSlots[] held) => new(true, null, false, held);

    internal static ConcurrencyAdmission RefusedBy(ConcurrencyCheck check) => new(false, check, false, null);

    internal static ConcurrencyAdmission Unavailable() => new(false, null, true, null);

    /// <summary>Gives the slots back (locally; the renewer hands surplus back to other instances). Once only.</summary>
    public void Dispose()
    {
        foreach (var slots in Interlocked.Exchange(ref _held, null) ?? [])
        {
            slots.Release();
        }
    }
}
