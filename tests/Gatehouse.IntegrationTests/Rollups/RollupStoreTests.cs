using Azure.Data.Tables;
using Gatehouse.Configuration;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Messaging;
using Gatehouse.Rollups;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.IntegrationTests.Rollups;

/// <summary>
/// The rollup store against Azurite: each batch counted once however it is delivered (twice, out of order, cut off
/// between tenants, by workers racing on the same rows), with exact sums.
/// </summary>
public sealed class RollupStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 14, 7, 30, TimeSpan.Zero);
    private readonly TableClient _table = new(TestStorage.ConnectionString, TableNames.UsageRollups);
    private CoreServices _core = null!;

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync(TimeProvider.System);

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private RollupStore Store => _core.Get<RollupStore>();

    [Fact]
    public async Task ApplyAsync_SameMessageTwice_CountedOnce()
    {
        var tenant = NewTenant();
        var message = new UsageMessage(NewId(), [Record(tenant, 0.125m, 250), Record(tenant, 0.5m, 40) with { ErrorCode = "upstream_error", Status = 502 }]);

        await Store.ApplyAsync(message, CancellationToken.None);
        await Store.ApplyAsync(message, CancellationToken.None);

        var day = await RowAsync(tenant, RollupRowKeys.DayRow(At, "k_1", "gpt-4o-mini"));
        Assert.Equal((2L, 1L, "0.625"), (day.Requests, day.Errors, day.CostUsd));
        Assert.Equal((1L, 1L), (day.LatencyLe50, day.LatencyLe250));
        Assert.Equal(2, (await RowAsync(tenant, RollupRowKeys.HourRow(At, "k_1", "gpt-4o-mini"))).Requests);
        Assert.True((await _table.GetEntityIfExistsAsync<RollupMarkerEntity>(tenant, RollupRowKeys.Marker(message.Id))).HasValue);
    }

    [Fact]
    public async Task ApplyAsync_TwoMessagesInEitherOrder_SameTotals()
    {
        var (inOrder, reversed) = (NewTenant(), NewTenant());
        UsageMessage First(string tenant) => new(NewId(), [Record(tenant, 0.1m, 30), Record(tenant, 0.2m, 700) with { Blocked = true, ErrorCode = "guardrail_blocked", Status = 400 }]);
        UsageMessage Second(string tenant) => new(NewId(), [Record(tenant, 0.3m, 9_000) with { Time = At.AddHours(1) }]);

        await Store.ApplyAsync(First(inOrder), CancellationToken.None);
        await Store.ApplyAsync(Second(inOrder), CancellationToken.None);
        await Store.ApplyAsync(Second(reversed), CancellationToken.None);
        await Store.ApplyAsync(First(reversed), CancellationToken.None);

        var a = await RowAsync(inOrder, RollupRowKeys.DayRow(At, "k_1", "gpt-4o-mini"));
        var b = await RowAsync(reversed, RollupRowKeys.DayRow(At, "k_1", "gpt-4o-mini"));
        Assert.Equal((3L, 1L, 1L, "0.6"), (a.Requests, a.Errors, a.Blocked, a.CostUsd));
        Assert.Equal(Figures(a), Figures(b));
    }

    [Fact]
    public async Task ApplyAsync_CancelledAfterTheFirstTenant_RedeliveryCountsEachTenantOnce()
    {
        var (first, second) = (NewTenant("a"), NewTenant("b"));
        var message = new UsageMessage(NewId(), [Record(first, 1m, 100), Record(second, 2m, 100), Record(second, 3m, 100)]);
        using var stop = new CancellationTokenSource();
        var stopping = new RollupStore(
            _core.Get<StorageClients>(), _core.Get<AlertPublisher>(), _core.Get<IOptions<GatehouseOptions>>(), TimeProvider.System, new CancelOnApplied(stop));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopping.ApplyAsync(message, stop.Token));
        var cutOff = (await RowAsync(first, RollupRowKeys.DayRow(At, "k_1", "gpt-4o-mini"))).Requests;
        var untouched = await _table.GetEntityIfExistsAsync<RollupEntity>(second, RollupRowKeys.DayRow(At, "k_1", "gpt-4o-mini"));
        await Store.ApplyAsync(message, CancellationToken.None);

        Assert.Equal(1, cutOff);
        Assert.False(untouched.HasValue);
        Assert.Equal((1L, "1"), Totals(await RowAsync(first, RollupRowKeys.DayRow(At, "k_1", "gpt-4o-mini"))));
        Assert.Equal((2L, "5"), Totals(await RowAsync(second, RollupRowKeys.DayRow(At, "k_1", "gpt-4o-mini"))));
    }

    [Fact]
    public async Task ApplyAsync_ParallelMessagesOnTheSameRows_ExactSums()
    {
        var tenant = NewTenant();
        var messages = Enumerable.Range(0, 8)
            .Select(m => new UsageMessage(NewId(), [.. Enumerable.Range(0, 10).Select(i => Record(tenant, 0.001m * ((m * 10) + i + 1), 60 * i))]))
            .ToList();

        // Each message also delivered twice, concurrently: the duplicates must not count.
        await Task.WhenAll(messages.Concat(messages).Select(m => Task.Run(() => Store.ApplyAsync(m, CancellationToken.None))));

        var day = await RowAsync(tenant, RollupRowKeys.DayRow(At, "k_1", "gpt-4o-mini"));
        var hour = await RowAsync(tenant, RollupRowKeys.HourRow(At, "k_1", "gpt-4o-mini"));
        Assert.Equal((80L, "3.240"), Totals(day)); // 0.001 × (1 + 2 + … + 80)
        Assert.Equal(Figures(day), Figures(hour));
        Assert.Equal(80, day.Counts().Latency.Sum());
    }

    [Fact]
    public async Task ApplyAsync_MoreRowsThanOneTransaction_ChunksMarkedAndCountedOnce()
    {
        var tenant = NewTenant();
        var message = new UsageMessage(NewId(), [.. Enumerable.Range(0, 60).Select(i => Record(tenant, 0.01m, 10) with { KeyId = $"k_{i:D3}" })]);

        await Store.ApplyAsync(message, CancellationToken.None);
        await Store.ApplyAsync(message, CancellationToken.None);

        var days = await _table.QueryAsync<RollupEntity>(r => r.PartitionKey == tenant && r.Period == RollupRowKeys.Day).ToListAsync();
        Assert.Equal(60, days.Count);
        Assert.All(days, d => Assert.Equal((1L, "0.01"), Totals(d)));
        foreach (var chunk in new[] { ".0", ".1" })
        {
            Assert.True((await _table.GetEntityIfExistsAsync<RollupMarkerEntity>(tenant, RollupRowKeys.Marker(message.Id + chunk))).HasValue, chunk);
        }
    }

    [Fact]
    public async Task ApplyAsync_AliasWithCharactersTablesRefuse_StoredUnderAnEscapedKey()
    {
        var tenant = NewTenant();

        await Store.ApplyAsync(new UsageMessage(NewId(), [Record(tenant, 0.01m, 10) with { Model = "team/gpt#4?" }]), CancellationToken.None);

        var row = await RowAsync(tenant, "day|20261122|k_1|team%2Fgpt%234%3F");
        Assert.Equal(("team/gpt#4?", 1L), (row.Model, row.Requests));
    }

    private static (long Requests, string Cost) Totals(RollupEntity row) => (row.Requests, row.CostUsd);

    private static string Figures(RollupEntity row) =>
        $"{row.Requests} {row.Errors} {row.Blocked} {row.FailedOver} {row.PromptTokens} {row.CompletionTokens} {row.CostUsd} {string.Join(',', row.Counts().Latency)}";

    private async Task<RollupEntity> RowAsync(string tenant, string rowKey) => (await _table.GetEntityAsync<RollupEntity>(tenant, rowKey)).Value;

    private static string NewTenant(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private static string NewId() => Guid.NewGuid().ToString("N");

    internal static UsageRecord Record(string tenant, decimal cost, double latencyMs) => new()
    {
        RequestId = Guid.NewGuid().ToString("N"),
        Time = At,
        Tenant = tenant,
        KeyId = "k_1",
        Model = "gpt-4o-mini",
        Status = 200,
        PromptTokens = 10,
        CompletionTokens = 4,
        CostUsd = cost,
        LatencyMs = latencyMs,
    };

    /// <summary>Stands in for the host stopping the worker: cancels as soon as the first transaction has committed.</summary>
    private sealed class CancelOnApplied(CancellationTokenSource stop) : ILogger<RollupStore>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 9401)
            {
                stop.Cancel();
            }
        }
    }
}
