using Gatehouse.Proxy;

namespace Gatehouse.IntegrationTests.Limits;

public sealed class RateLimitHeadersTests
{
    [Theory]
    [InlineData(0.5, "0.5s")]
    [InlineData(12, "12s")]
    [InlineData(60, "1m0s")]
    [InlineData(360, "6m0s")]
    [InlineData(3723, "1h2m3s")]
    [InlineData(-3, "0s")]
    public void Duration_IsWrittenTheWayOpenAIWritesIt(double seconds, string expected) =>
        Assert.Equal(expected, RateLimitHeaders.Duration(TimeSpan.FromSeconds(seconds)));
}
