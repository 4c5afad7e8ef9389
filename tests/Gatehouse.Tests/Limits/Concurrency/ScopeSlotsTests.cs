using Gatehouse.Limits;
using static Gatehouse.Limits.ScopeSlots;

namespace Gatehouse.Tests.Limits.Concurrency;

/// <summary>One instance's slots in one scope, without storage: claims, local reuse, refusal, and the failure policy.</summary>
public sealed class ScopeSlotsTests
{
    private static readonly DateTimeOffset Now = new(2031, 5, 6, 7, 8, 30, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Now.AddSeconds(30);

    private static SlotTarget StartClaim(ScopeSlots slots, int waiters = 1)
    {
        for (var i = 0; i < waiters; i++)
        {
            slots.JoinClaim(_ => new TaskCompletionSource<SyncResult>().Task);
        }

        var target = slots.Target(SyncKind.Claim, claimFraction: 0.05);
        for (var i = 0; i < waiters; i++)
        {
            slots.StopWaiting();
        }

        return target;
    }

    [Fact]
    public void TryTake_NothingClaimed_NeedsClaim_ThenTakesFromTheGrantWithoutStorage()
    {
        var slots = new ScopeSlots("key", "key:a");
        Assert.Equal(TakeResult.NeedsClaim, slots.TryTake(4, Now, LimiterFailurePolicy.FailOpenLocal));

        Assert.Equal(new SlotTarget(0, 3, 4), StartClaim(slots, waiters: 3));
        slots.Synced(SyncKind.Claim, new SlotGrant(3, false, Expiry), Now);

        var takes = Enumerable.Range(0, 4).Select(_ => slots.TryTake(4, Now, LimiterFailurePolicy.FailOpenLocal)).ToList();
        Assert.Equal([TakeResult.Took, TakeResult.Took, TakeResult.Took, TakeResult.NeedsClaim], takes);
        slots.Release();
        Assert.Equal(TakeResult.Took, slots.TryTake(4, Now, LimiterFailurePolicy.FailOpenLocal)); // a freed slot is reused here
    }

    [Fact]
    public void TryTake_ClaimCameBackShort_RefusesAloneUntilTheRecheck()
    {
        var slots = new ScopeSlots("key", "key:a");
        slots.TryTake(4, Now, LimiterFailurePolicy.FailOpenLocal);
        StartClaim(slots);
        slots.Synced(SyncKind.Claim, new SlotGrant(0, true, Now), fullUntil: Now.AddSeconds(1));

        Assert.Equal(TakeResult.Refused, slots.TryTake(4, Now.AddMilliseconds(999), LimiterFailurePolicy.FailOpenLocal));
        Assert.Equal(TakeResult.NeedsClaim, slots.TryTake(4, Now.AddSeconds(1), LimiterFailurePolicy.FailOpenLocal));
    }

    [Fact]
    public void TryTake_ClaimExpired_NeedsClaimEvenWithSlotsFree()
    {
        var slots = Holding(claimed: 2, inUse: 0);

        Assert.Equal(TakeResult.NeedsClaim, slots.TryTake(4, Expiry, LimiterFailurePolicy.FailOpenLocal));
    }

    [Fact]
    public void TryTake_StorageDown_FailOpenEnforcesTheLimitAlone_FailClosedUsesOnlyItsClaim()
    {
        var open = Holding(claimed: 1, inUse: 1);
        open.SyncFailed(Now.AddSeconds(5));
        var openTakes = Enumerable.Range(0, 4).Select(_ => open.TryTake(4, Now, LimiterFailurePolicy.FailOpenLocal)).ToList();
        Assert.Equal([TakeResult.Took, TakeResult.Took, TakeResult.Took, TakeResult.Refused], openTakes);
        Assert.Equal(TakeResult.NeedsClaim, open.TryTake(4, Now.AddSeconds(5), LimiterFailurePolicy.FailOpenLocal));

        var closed = Holding(claimed: 2, inUse: 1);
        closed.SyncFailed(Now.AddSeconds(5));
        Assert.Equal(TakeResult.Took, closed.TryTake(4, Now, LimiterFailurePolicy.FailClosed));
        Assert.Equal(TakeResult.Unavailable, closed.TryTake(4, Now, LimiterFailurePolicy.FailClosed));
    }

    [Fact]
    public void Target_Renew_KeepsWhatIsInUse_AndStopsHandingOutTheSurplus()
    {
        var slots = Holding(claimed: 3, inUse: 1);

        Assert.Equal(new SlotTarget(1, 1, 4), slots.Target(SyncKind.Renew, claimFraction: 0.05));
        Assert.Equal(TakeResult.NeedsClaim, slots.TryTake(4, Now, LimiterFailurePolicy.FailOpenLocal));
    }

    [Fact]
    public void TryRetire_OnlyWhenNothingIsHeld_AndThenTakesNoMore()
    {
        var slots = Holding(claimed: 1, inUse: 1);
        Assert.False(slots.TryRetire());

        slots.Release();
        slots.Target(SyncKind.Renew, claimFraction: 0.05);
        slots.Synced(SyncKind.Renew, new SlotGrant(0, false, Now), Now);

        Assert.True(slots.TryRetire());
        Assert.Equal(TakeResult.Retired, slots.TryTake(4, Now, LimiterFailurePolicy.FailOpenLocal));
    }

    [Theory]
    [InlineData(4, 0.05, 1)]
    [InlineData(100, 0.05, 5)]
    [InlineData(101, 0.05, 6)]
    public void StepFor_FractionOfTheLimit_AtLeastOne(long limit, double fraction, long step) =>
        Assert.Equal(step, StepFor(limit, fraction));

    /// <summary>Slots that claimed <paramref name="claimed"/> (until <see cref="Expiry"/>) and use <paramref name="inUse"/>, limit 4.</summary>
    private static ScopeSlots Holding(long claimed, long inUse)
    {
        var slots = new ScopeSlots("key", "key:a");
        slots.TryTake(4, Now, LimiterFailurePolicy.FailOpenLocal);
        StartClaim(slots);
        slots.Synced(SyncKind.Claim, new SlotGrant(claimed, false, Expiry), Now);
        for (var i = 0; i < inUse; i++)
        {
            Assert.Equal(TakeResult.Took, slots.TryTake(4, Now, LimiterFailurePolicy.FailOpenLocal));
        }

        return slots;
    }
}
