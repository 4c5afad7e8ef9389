using Gatehouse.Limits;

namespace Gatehouse.Tests.Limits;

public sealed class RateLimitsTests
{
    [Fact]
    public void Or_OwnValuesWin_DefaultsFillTheRest()
    {
        var merged = new RateLimits { Rpm = 10 }.Or(new RateLimits { Rpm = 100, Rpd = 1000 });

        Assert.Equal(10, merged.Rpm);
        Assert.Equal(1000, merged.Rpd);
        Assert.Null(merged.Tpm);
        Assert.True(RateLimits.None.IsEmpty);
        Assert.False(merged.IsEmpty);
    }
}
