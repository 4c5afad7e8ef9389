using Gatehouse.Configuration;
using Gatehouse.Messaging;
using Gatehouse.Rollups;

namespace Gatehouse.Tests.Rollups;

public sealed class RollupPlanTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 14, 7, 30, TimeSpan.Zero);
    private static readonly AlertOptions Alerts = new();

    [Fact]
    public void Build_TwoTenants_HourAndDayRowsPerKeyAndModel_SortedByRowKey()
    {
        var message = new UsageMessage("m1",
        [
            Record("globex", "k_2", "gpt-4o", At),
            Record("acme", "k_1", "gpt-4o-mini", At) with { CostUsd = 0.25m, PromptTokens = 10, CompletionTokens = 5 },
            Record("acme", "k_1", "gpt-4o-mini", At.AddMinutes(1)) with { CostUsd = 0.5m, ErrorCode = "upstream_error", Status = 502 },
            Record("acme", "k_1", "gpt-4o-mini", At.AddHours(1)),
        ]);

        var batches = RollupPlan.Build(message, Alerts);

        Assert.Equal(["acme", "globex"], batches.Select(b => b.Tenant));
        var acme = batches[0];
        Assert.Equal(3, acme.Records);
        Assert.Equal(
            ["day|20261122|k_1|gpt-4o-mini", "hour|2026112214|k_1|gpt-4o-mini", "hour|2026112215|k_1|gpt-4o-mini"],
            acme.Changes.Select(c => c.RowKey));
        var day = Assert.IsType<RollupRowChange>(acme.Changes[0]);
        Assert.Equal((3L, 1L, 0.75m, 10L, 5L), (day.Delta.Requests, day.Delta.Errors, day.Delta.CostUsd, day.Delta.PromptTokens, day.Delta.CompletionTokens));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), day.Start);
        var hour = Assert.IsType<RollupRowChange>(acme.Changes[1]);
        Assert.Equal(2, hour.Delta.Requests);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero), hour.Start);
    }

    [Fact]
    public void Build_BlockedAndFailedOver_CountedPerKeyAndModelPerWindow()
    {
        var message = new UsageMessage("m1",
        [
            Record("acme", "k_1", "gpt-4o", At) with { Blocked = true },
            Record("acme", "k_1", "gpt-4o", At.AddMinutes(2)) with { Blocked = true, FailedOver = true },
            Record("acme", "k_1", "gpt-4o", At.AddMinutes(3)) with { Blocked = true }, // 14:10: the next 5-minute window
            Record("acme", "k_2", "gpt-4o", At) with { FailedOver = true },
        ]);

        var bursts = RollupPlan.Build(message, Alerts)[0].Changes.OfType<BurstChange>().ToDictionary(b => b.RowKey, b => b.Delta);

        Assert.Equal(new Dictionary<string, long>
        {
            ["burst|block|k_1|202611221405"] = 2,
            ["burst|block|k_1|202611221410"] = 1,
            ["burst|failover|gpt-4o|202611221405"] = 2,
        }, bursts);
    }

    [Fact]
    public void Chunks_MoreChangesThanATransactionHolds_SplitWithNumberedMarkers_SameOnEveryBuild()
    {
        var records = Enumerable.Range(0, 60).Select(i => Record("acme", $"k_{i:D3}", "m", At)).ToList();
        var message = new UsageMessage("batch-7", records);

        var first = RollupPlan.Build(message, Alerts)[0].Chunks("batch-7");
        var shuffled = RollupPlan.Build(message with { Records = [.. Enumerable.Reverse(records)] }, Alerts)[0].Chunks("batch-7");

        Assert.Equal(["batch-7.0", "batch-7.1"], first.Select(c => c.MarkerId));
        Assert.Equal([99, 21], first.Select(c => c.Changes.Count));
        Assert.Equal(first.SelectMany(c => c.Changes.Select(r => r.RowKey)), shuffled.SelectMany(c => c.Changes.Select(r => r.RowKey)));
        Assert.Equal("batch-7", Assert.Single(RollupPlan.Build(message with { Records = records[..10] }, Alerts)[0].Chunks("batch-7")).MarkerId);
    }

    [Fact]
    public void MessageId_Missing_IsAStableHashOfTheRequestIds()
    {
        var records = new List<UsageRecord> { Record("acme", "k", "m", At) with { RequestId = "a" }, Record("acme", "k", "m", At) with { RequestId = "b" } };

        var id = RollupPlan.MessageId(new UsageMessage(null!, records));

        Assert.StartsWith("sha256-", id, StringComparison.Ordinal);
        Assert.Equal(id, RollupPlan.MessageId(new UsageMessage("", records)));
        Assert.NotEqual(id, RollupPlan.MessageId(new UsageMessage("", records[..1])));
        Assert.Equal("given", RollupPlan.MessageId(new UsageMessage("given", records)));
    }

    [Fact]
    public void RowKeys_ReservedCharactersInAliases_ArePercentEncoded()
    {
        Assert.Equal("team%2Fgpt%234%3Fx%7Cy%25z%5Cw%0A", RollupRowKeys.Escape("team/gpt#4?x|y%z\\w\n"));
        Assert.Equal("gpt-4o-mini", RollupRowKeys.Escape("gpt-4o-mini"));
        Assert.Equal("hour|2026112214|k_1|a%2Fb", RollupRowKeys.HourRow(At, "k_1", "a/b"));
    }

    internal static UsageRecord Record(string tenant, string keyId, string model, DateTimeOffset time) => new()
    {
        RequestId = Guid.NewGuid().ToString("N"),
        Time = time,
        Tenant = tenant,
        KeyId = keyId,
        Model = model,
        Status = 200,
        LatencyMs = 120,
    };
}
