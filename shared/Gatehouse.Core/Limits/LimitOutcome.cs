namespace Gatehouse.Limits;

/// <summary>The state of one checked limit after a request took (or was refused) its units, for headers and errors.</summary>
public sealed record LimitState(LimitCheck Check, long Remaining, DateTimeOffset Reset);

/// <summary>Admitted, refused by a limit (<see cref="Refused"/>), or refused because the shared counters are unreachable.</summary>
public sealed record LimitOutcome(bool Admitted, IReadOnlyList<LimitState> States, LimitState? Refused = null, bool StorageUnavailable = false)
{
    public static LimitOutcome Unlimited { get; } = new(true, []);

    /// <summary>What an admitted request took from which allowance, so that its tokens can be settled afterwards.</summary>
    internal IReadOnlyList<LimitCharge> Charges { get; init; } = [];
}

/// <summary>One check's take from this instance's allowance.</summary>
internal sealed record LimitCharge(WindowAllowance Allowance, LimitCheck Check, WindowAllowance.Portion Portion);
