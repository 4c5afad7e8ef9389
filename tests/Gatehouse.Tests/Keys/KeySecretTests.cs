using Gatehouse.Keys;

namespace Gatehouse.Tests.Keys;

public sealed class KeySecretTests
{
    [Fact]
    public void NewSecret_HasPrefixAndAtLeast32RandomBytes()
    {
        var secret = KeySecret.NewSecret();

        Assert.StartsWith("gh_", secret, StringComparison.Ordinal);
        Assert.True(secret.Length - 3 >= 43, "32 bytes in base64url are 43 characters");
        Assert.True(KeySecret.HasValidShape(secret));
    }

    [Fact]
    public void NewSecret_TwoCalls_Differ() => Assert.NotEqual(KeySecret.NewSecret(), KeySecret.NewSecret());

    [Theory]
    [InlineData("")]
    [InlineData("gh_short")]
    [InlineData("sk-0123456789012345678901234567890123456789012345")]
    [InlineData("gh_0123456789012345678901234567890123456789012 ")]
    [InlineData("gh_01234567890123456789012345678901234567890/+")]
    public void HasValidShape_Malformed_False(string candidate) => Assert.False(KeySecret.HasValidShape(candidate));

    [Fact]
    public void Hint_ShowsOnlyLastFourCharacters()
    {
        var secret = KeySecret.NewSecret();

        var hint = KeySecret.Hint(secret);

        Assert.Equal($"gh_...{secret[^4..]}", hint);
    }

    [Fact]
    public void NewKeyId_IsValidAndNotSecretShaped()
    {
        var id = KeySecret.NewKeyId();

        Assert.True(KeySecret.IsValidKeyId(id));
        Assert.False(KeySecret.HasValidShape(id));
    }
}
