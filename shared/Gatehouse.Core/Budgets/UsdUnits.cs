namespace Gatehouse.Budgets;

/// <summary>
/// Dollars as whole nano-dollars (10⁻⁹ USD), the unit budget counters count in: exact for every price per million
/// tokens with up to three decimals, and a long holds far more than <see cref="Budget.MaxUsd"/>.
/// </summary>
public static class UsdUnits
{
    private const decimal PerUsd = 1_000_000_000m;

    /// <summary>Rounded up, so a charge is never smaller than the cost it stands for.</summary>
    public static long FromUsd(decimal usd) => (long)decimal.Ceiling(usd * PerUsd);

    public static decimal ToUsd(long units) => units / PerUsd;
}
