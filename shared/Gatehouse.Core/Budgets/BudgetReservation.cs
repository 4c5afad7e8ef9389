using Gatehouse.Limits;

namespace Gatehouse.Budgets;

/// <summary>
/// What one admitted request holds of its budgets: the worst-case cost reserved before the call, plus what a stream
/// reserved on the way. Settled once, to the real cost, when the request ends.
/// </summary>
public sealed class BudgetReservation
{
    private readonly List<(LimitOutcome Outcome, long Units)> _parts = [];
    private int _settled;

    internal BudgetReservation(IReadOnlyList<BudgetScope> scopes, LimitOutcome outcome, long units)
    {
        Scopes = scopes;
        _parts.Add((outcome, units));
        Units = units;
    }

    public IReadOnlyList<BudgetScope> Scopes { get; }

    /// <summary>Nano-dollars reserved in all, on every scope.</summary>
    public long Units { get; private set; }

    internal void Add(LimitOutcome outcome, long units)
    {
        _parts.Add((outcome, units));
        Units += units;
    }

    /// <summary>Gives back what was reserved beyond <paramref name="spentUnits"/>, and reports the spend; only once.</summary>
    public void Settle(long spentUnits)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 1)
        {
            return;
        }

        var left = spentUnits;
        for (var i = 0; i < _parts.Count; i++)
        {
            var (outcome, units) = _parts[i];

            // Each part settles up to what it reserved; the last one also takes any cost beyond the whole reservation.
            var part = i == _parts.Count - 1 ? left : Math.Min(left, units);
            RateLimiter.Settle(outcome, part, isSpend: true);
            left -= part;
        }
    }
}
