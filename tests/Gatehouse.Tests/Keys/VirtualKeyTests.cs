using Gatehouse.Keys;

namespace Gatehouse.Tests.Keys;

public sealed class VirtualKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static VirtualKey Key(KeyStatus status = KeyStatus.Active, DateTimeOffset? expiresAt = null, params string[] models) => new()
    {
        Id = "key_a", Tenant = "acme", Name = "app", Models = models, Status = status, Hint = "gh_...abcd", ExpiresAt = expiresAt,
    };

    [Fact]
    public void StatusAt_ActivePastExpiry_ReadsExpired()
    {
        var key = Key(expiresAt: Now);
        Assert.Equal(KeyStatus.Active, key.StatusAt(Now.AddTicks(-1)));
        Assert.Equal(KeyStatus.Expired, key.StatusAt(Now));
    }

    [Fact]
    public void StatusAt_RevokedOrPending_StaysSo()
    {
        Assert.Equal(KeyStatus.Revoked, Key(KeyStatus.Revoked, Now.AddDays(-1)).StatusAt(Now));
        Assert.Equal(KeyStatus.Pending, Key(KeyStatus.Pending).StatusAt(Now));
    }

    [Fact]
    public void AllowsModel_AnyEntryMatches()
    {
        var key = Key(KeyStatus.Active, null, "text-embedding-3-small", "gpt-4o*");
        Assert.True(key.AllowsModel("gpt-4o-mini"));
        Assert.True(key.AllowsModel("text-embedding-3-small"));
        Assert.False(key.AllowsModel("text-embedding-3-large"));
    }

    [Fact]
    public void KeyMatch_UsableOnlyWhileKeyActiveAndSecretInGrace()
    {
        Assert.True(new KeyMatch(Key(), null).IsUsableAt(Now));
        Assert.True(new KeyMatch(Key(), Now.AddSeconds(1)).IsUsableAt(Now));
        Assert.False(new KeyMatch(Key(), Now).IsUsableAt(Now));
        Assert.False(new KeyMatch(Key(KeyStatus.Pending), null).IsUsableAt(Now));
        Assert.False(new KeyMatch(Key(expiresAt: Now), null).IsUsableAt(Now));
    }
}
