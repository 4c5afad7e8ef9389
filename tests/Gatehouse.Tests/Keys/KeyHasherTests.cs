using Gatehouse.Configuration;
using Gatehouse.Keys;
using Microsoft.Extensions.Options;

namespace Gatehouse.Tests.Keys;

public sealed class KeyHasherTests
{
    private static KeyHasher Hasher(string pepper) =>
        new(Options.Create(new GatehouseOptions { Keys = new KeyOptions { Pepper = pepper } }));

    [Fact]
    public void Hash_IsHmacSha256UnderPepper_NotPlainSha256()
    {
        var pepper = new string('p', 32);
        const string secret = "gh_abc";

        var hash = Hasher(pepper).Hash(secret);

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(pepper), System.Text.Encoding.UTF8.GetBytes(secret)));
        Assert.Equal(expected, hash);
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))), hash);
    }

    [Fact]
    public void Hash_DifferentPepper_DifferentHash() =>
        Assert.NotEqual(Hasher(new string('a', 32)).Hash("gh_x"), Hasher(new string('b', 32)).Hash("gh_x"));

    [Fact]
    public void Matches_SameAndDifferent()
    {
        var hasher = Hasher(new string('p', 32));

        Assert.True(hasher.Matches("admin-secret", "admin-secret"));
        Assert.False(hasher.Matches("admin-secreT", "admin-secret"));
        Assert.False(hasher.Matches("", "admin-secret"));
    }
}
