using Gatehouse.Limits;

namespace Gatehouse.Tests.Limits;

public sealed class LimitWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 22, 17, 42, 500, TimeSpan.Zero);

    [Fact]
    public void At_Minute_StartsOnTheMinuteAndEndsAMinuteLater()
    {
        var window = LimitWindow.At(LimitPeriod.Minute, Now);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 22, 17, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 22, 18, 0, TimeSpan.Zero), window.End);
        Assert.Equal("m202611232217", window.Id);
    }

    [Fact]
    public void At_Day_IsTheUtcDay_WhateverTheOffset()
    {
        var window = LimitWindow.At(LimitPeriod.Day, new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.FromHours(5)));

        Assert.Equal("d20261123", window.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), window.End);
    }

    [Theory]
    [InlineData(2026, 12, 31, 23, "M202612", 2027, 1)] // the year turns
    [InlineData(2028, 2, 29, 12, "M202802", 2028, 3)] // a leap February
    public void At_Month_IsTheUtcCalendarMonth(int year, int month, int day, int hour, string id, int endYear, int endMonth)
    {
        var window = LimitWindow.At(LimitPeriod.Month, new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero));

        Assert.Equal(id, window.Id);
        Assert.Equal(new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(endYear, endMonth, 1, 0, 0, 0, TimeSpan.Zero), window.End);
    }

    [Fact]
    public void At_LastTickOfAWindow_StillThatWindow()
    {
        var end = LimitWindow.At(LimitPeriod.Minute, Now).End;

        Assert.Equal("m202611232217", LimitWindow.At(LimitPeriod.Minute, end.AddTicks(-1)).Id);
        Assert.Equal("m202611232218", LimitWindow.At(LimitPeriod.Minute, end).Id);
    }

    [Theory]
    [InlineData(600, 0.02, 12)]
    [InlineData(5, 0.02, 1)]
    [InlineData(1_000_000, 0.001, 1000)]
    public void LeaseSize_IsAFractionOfTheLimit_AtLeastOne(long limit, double fraction, long expected) =>
        Assert.Equal(expected, WindowAllowance.LeaseSizeFor(limit, fraction));
}
