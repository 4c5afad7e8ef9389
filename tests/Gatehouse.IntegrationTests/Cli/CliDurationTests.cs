using Gatehouse.Cli;

namespace Gatehouse.IntegrationTests.Cli;

/// <summary>What <c>--grace</c> accepts: whole seconds or one whole number with a unit, nothing a typo could turn into another length.</summary>
public sealed class CliDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("3600", 3600)]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("1h", 3600)]
    [InlineData("1H", 3600)]
    [InlineData("7d", 604800)]
    public void Parses(string text, long seconds)
    {
        Assert.True(CliDuration.TryParseSeconds(text, out var parsed));
        Assert.Equal(seconds, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("5x")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("1.5h")]
    [InlineData("1h30m")]
    [InlineData(" 1h")]
    [InlineData("1 h")]
    [InlineData("\u0663h")]
    [InlineData("99999999999999999999")]
    [InlineData("999999999999999999d")]
    public void Refuses(string text) => Assert.False(CliDuration.TryParseSeconds(text, out _));
}
