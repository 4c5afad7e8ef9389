using Gatehouse.Budgets;

namespace Gatehouse.Tests.Budgets;

public sealed class UsdUnitsTests
{
    [Theory]
    [InlineData("50", 50_000_000_000L)]
    [InlineData("0.000000075", 75L)] // one token at $0.075 per million: exact
    [InlineData("0.0000000001", 1L)] // below a nano-dollar: rounded up, never charged as free
    [InlineData("1000000000", 1_000_000_000_000_000_000L)] // the largest budget fits
    public void FromUsd_IsExactOrRoundedUp(string usd, long units) =>
        Assert.Equal(units, UsdUnits.FromUsd(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void ToUsd_RoundTrips() => Assert.Equal(12.345678901m, UsdUnits.ToUsd(UsdUnits.FromUsd(12.345678901m)));

    [Fact]
    public void Budget_ReadsAsOperatorsWriteIt()
    {
        Assert.Equal("$50.00 per day", new Budget(50, BudgetPeriod.Day).ToString());
        Assert.Equal("$0.0025 per month", new Budget(0.0025m, BudgetPeriod.Month).ToString());
        Assert.True(Budget.TryParsePeriod("month", out var period));
        Assert.Equal(BudgetPeriod.Month, period);
        Assert.False(Budget.TryParsePeriod("Week", out _));
    }
}
