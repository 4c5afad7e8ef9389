using Gatehouse.Limits;
using static Gatehouse.Limits.WindowAllowance;

namespace Gatehouse.Tests.Limits;

/// <summary>One instance's accounting of one window, without storage: leases, debt, and the fail-open budget.</summary>
public sealed class WindowAllowanceTests
{
    private static readonly DateTimeOffset Now = new(2031, 5, 6, 7, 8, 30, TimeSpan.Zero);
    private static readonly LimitWindow Minute = LimitWindow.At(LimitPeriod.Minute, Now);

    private static (long Wanted, long Debt) LeaseRequest(WindowAllowance allowance, long units)
    {
        (long, long) asked = default;
        allowance.JoinRefill(units, request =>
        {
            asked = (request.Wanted, request.Debt);
            return Task.FromResult(true);
        });
        return asked;
    }

    private static WindowAllowance.LeaseRequest Flush(WindowAllowance allowance)
    {
        WindowAllowance.LeaseRequest asked = default;
        allowance.JoinFlush(request =>
        {
            asked = request;
            return Task.FromResult(true);
        });
        return asked;
    }

    [Fact]
    public void Empty_NeedsALease_ThenTakesFromIt_AndAsksForMoreAtHalf()
    {
        var allowance = new WindowAllowance(Minute, limit: 100, leaseSize: 10);
        Assert.Equal(AttemptResult.NeedsLease, allowance.TryTake(1, Now, LimiterFailurePolicy.FailOpenLocal).Result);

        allowance.Leased(new Lease(10, 10), new WindowAllowance.LeaseRequest(10, 0, 0));
        var attempts = Enumerable.Range(0, 6).Select(_ => allowance.TryTake(1, Now, LimiterFailurePolicy.FailOpenLocal)).ToList();

        Assert.All(attempts, a => Assert.Equal(AttemptResult.Took, a.Result));
        Assert.Equal([false, false, false, false, false, true], attempts.Select(a => a.RefreshAhead)); // 4 left of 10
        Assert.Equal(94, allowance.Remaining);
    }

    [Fact]
    public void SharedRowSpent_RefusesOnceTheLeaseIsUsed()
    {
        var allowance = new WindowAllowance(Minute, limit: 100, leaseSize: 10);
        allowance.Leased(new Lease(3, 100), new WindowAllowance.LeaseRequest(10, 0, 0));

        Assert.Equal(AttemptResult.Took, allowance.TryTake(3, Now, LimiterFailurePolicy.FailOpenLocal).Result);
        Assert.Equal(AttemptResult.Refused, allowance.TryTake(1, Now, LimiterFailurePolicy.FailOpenLocal).Result);
        Assert.Equal(0, allowance.Remaining);
    }

    [Fact]
    public void MoreUnitsThanTheWholeLimit_RefusedWithoutALease()
    {
        var allowance = new WindowAllowance(Minute, limit: 1000, leaseSize: 20);

        Assert.Equal(AttemptResult.Refused, allowance.TryTake(1001, Now, LimiterFailurePolicy.FailOpenLocal).Result);
        Assert.Equal((600L, 0L), LeaseRequest(allowance, 600)); // a big request leases what it needs, not a lease size
    }

    [Fact]
    public void FailOpen_AdmitsOnlyWhatWasLeftWhenStorageFailed_AndKeepsThatBudgetAcrossFailures()
    {
        var allowance = new WindowAllowance(Minute, limit: 100, leaseSize: 10);
        allowance.Leased(new Lease(10, 90), new WindowAllowance.LeaseRequest(10, 0, 0)); // other instances hold 80

        allowance.LeaseFailed(Now.AddSeconds(5));
        var admitted = Enumerable.Range(0, 30).Count(_ => allowance.TryTake(1, Now, LimiterFailurePolicy.FailOpenLocal).Result == AttemptResult.Took);
        Assert.Equal(20, admitted); // its 10 leased + the 10 nobody had taken

        allowance.LeaseFailed(Now.AddSeconds(10)); // still down: the budget is not handed out again
        Assert.Equal(AttemptResult.Refused, allowance.TryTake(1, Now.AddSeconds(6), LimiterFailurePolicy.FailOpenLocal).Result);
    }

    [Fact]
    public void FailOpen_WhatWasAdmittedBeyondTheLease_IsSentAsDebtWhenStorageIsBack()
    {
        var allowance = new WindowAllowance(Minute, limit: 100, leaseSize: 10);
        allowance.LeaseFailed(Now.AddSeconds(5));
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(AttemptResult.Took, allowance.TryTake(1, Now, LimiterFailurePolicy.FailOpenLocal).Result);
        }

        Assert.Equal(AttemptResult.NeedsLease, allowance.TryTake(1, Now.AddSeconds(5), LimiterFailurePolicy.FailOpenLocal).Result);
        Assert.Equal((10L, 7L), LeaseRequest(allowance, 1));

        allowance.Leased(new Lease(10, 17), new WindowAllowance.LeaseRequest(10, 7, 0));
        Assert.Equal(93, allowance.Remaining); // 100 − the 7 admitted alone; the new lease of 10 is still here
    }

    [Fact]
    public void FailClosed_ServesTheLeaseItHolds_ThenIsUnavailable()
    {
        var allowance = new WindowAllowance(Minute, limit: 100, leaseSize: 10);
        allowance.Leased(new Lease(2, 2), new WindowAllowance.LeaseRequest(2, 0, 0));
        allowance.LeaseFailed(Now.AddSeconds(5));

        Assert.Equal(AttemptResult.Took, allowance.TryTake(2, Now, LimiterFailurePolicy.FailClosed).Result);
        Assert.Equal(AttemptResult.Unavailable, allowance.TryTake(1, Now, LimiterFailurePolicy.FailClosed).Result);
        Assert.Equal(AttemptResult.NeedsLease, allowance.TryTake(1, Now.AddSeconds(5), LimiterFailurePolicy.FailClosed).Result);
    }

    [Fact]
    public void Settling_GivesBackUnusedTokens_AndChargesExtraAsDebt()
    {
        var allowance = new WindowAllowance(Minute, limit: 1000, leaseSize: 20);
        allowance.Leased(new Lease(500, 500), new WindowAllowance.LeaseRequest(500, 0, 0));
        var took = allowance.TryTake(400, Now, LimiterFailurePolicy.FailOpenLocal);

        allowance.GiveBack(took.Portion, 350); // used 50 of the 400 estimated
        Assert.Equal(950, allowance.Remaining);

        allowance.Charge(460); // another request used 460 more than it was charged: 450 from the lease, 10 owed
        Assert.Equal(490, allowance.Remaining);
        Assert.Equal((20L, 10L), LeaseRequest(allowance, 1));
    }

    [Fact]
    public void Spend_IsReportedWithTheNextWrite_AndCountedOnceTheRowConfirmsIt()
    {
        var allowance = new WindowAllowance(LimitWindow.At(LimitPeriod.Month, Now), limit: 1_000, leaseSize: 10);
        allowance.Leased(new Lease(100, 100, TotalSpent: 40), new WindowAllowance.LeaseRequest(100, 0, 0));
        Assert.False(allowance.HasUnsent);

        allowance.RecordSpend(25);
        allowance.RecordSpend(5);
        Assert.True(allowance.HasUnsent);
        Assert.Equal(70, allowance.Spent);

        var flush = Flush(allowance);
        Assert.Equal(new WindowAllowance.LeaseRequest(0, 0, 30), flush); // reports, takes nothing
        allowance.RecordSpend(7); // settled while the write was in flight: stays for the next one
        allowance.Leased(new Lease(0, 100, TotalSpent: 95), flush);

        Assert.True(allowance.HasUnsent);
        Assert.Equal(102, allowance.Spent); // 95 on the row (another instance reported 25), 7 not yet
        Assert.Equal(1_000, allowance.Remaining); // a flush neither leases nor ends the window
        Assert.Equal(AttemptResult.Took, allowance.TryTake(60, Now, LimiterFailurePolicy.FailOpenLocal).Result);
    }

    [Fact]
    public void Flush_AfterTheWindowWasExhausted_KeepsRefusing()
    {
        var allowance = new WindowAllowance(Minute, limit: 100, leaseSize: 10);
        allowance.Leased(new Lease(4, 100), new WindowAllowance.LeaseRequest(10, 0, 0)); // only 4 were left
        allowance.RecordSpend(3);

        allowance.Leased(new Lease(0, 100, TotalSpent: 3), Flush(allowance));

        Assert.Equal(AttemptResult.Took, allowance.TryTake(4, Now, LimiterFailurePolicy.FailOpenLocal).Result);
        Assert.Equal(AttemptResult.Refused, allowance.TryTake(1, Now, LimiterFailurePolicy.FailOpenLocal).Result);
    }
}
