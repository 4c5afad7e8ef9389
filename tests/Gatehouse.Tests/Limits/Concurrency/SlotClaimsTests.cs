using Gatehouse.Limits;

namespace Gatehouse.Tests.Limits.Concurrency;

/// <summary>The claims column of a <c>ConcurrencySlots</c> row, without storage.</summary>
public sealed class SlotClaimsTests
{
    private static readonly DateTimeOffset Now = new(2031, 5, 6, 7, 8, 30, TimeSpan.Zero);

    [Fact]
    public void ToJson_ThenParse_KeepsEveryClaim_InTheDocumentedShape()
    {
        var claims = SlotClaims.Parse(null);
        claims.Set("a", 2, Now);
        claims.Set("b", 3, Now.AddSeconds(30));

        var json = claims.ToJson();
        var parsed = SlotClaims.Parse(json);

        Assert.Contains("\"a\":{\"slots\":2,\"expiresAt\":", json, StringComparison.Ordinal);
        Assert.Equal(5, parsed.Total);
        Assert.Equal(new SlotClaim(3, Now.AddSeconds(30)), parsed.Of("b"));
    }

    [Fact]
    public void DropExpired_RemovesClaimsDueNowOrEarlier_Only()
    {
        var claims = SlotClaims.Parse(null);
        claims.Set("gone", 2, Now);
        claims.Set("older", 1, Now.AddSeconds(-1));
        claims.Set("live", 3, Now.AddTicks(1));

        claims.DropExpired(Now);

        Assert.Equal(1, claims.Count);
        Assert.Equal(3, claims.Total);
    }

    [Fact]
    public void Set_ZeroSlots_RemovesTheClaim()
    {
        var claims = SlotClaims.Parse("""{"a":{"slots":2,"expiresAt":"2031-05-06T07:09:00+00:00"}}""");

        claims.Set("a", 0, Now);

        Assert.Equal(0, claims.Count);
        Assert.Equal("{}", claims.ToJson());
    }
}
