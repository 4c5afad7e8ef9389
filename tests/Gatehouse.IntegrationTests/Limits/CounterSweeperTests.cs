using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Gatehouse.Configuration;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Limits;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.IntegrationTests.Limits;

/// <summary>
/// The clean-up of ended counter rows on real storage. The clock sits in 1999, before any other test's windows, so a
/// sweep here can only delete this class's own rows from the shared table.
/// </summary>
public sealed class CounterSweeperTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(1999, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private CoreServices _services = null!;

    public async Task InitializeAsync() => _services = await CoreServices.StartAsync(_time);

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private TableClient Counters => _services.Get<StorageClients>().Table(TableNames.RateCounters);

    [Fact]
    public async Task SweepOnce_EndedAndCurrentRows_DeletesOnlyThoseEndedBeforeTheGrace()
    {
        var now = _time.GetUtcNow();
        var busy = "key:" + Guid.NewGuid().ToString("N");
        var quiet = "tenant:" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 150; i++)
        {
            await AddAsync(busy, $"rpm-old{i:D3}", now - TimeSpan.FromHours(2) - TimeSpan.FromMinutes(i)); // two batches
        }

        await AddAsync(quiet, "rpm-old", now - TimeSpan.FromDays(3));
        await AddAsync(busy, "rpm-in-grace", now - TimeSpan.FromMinutes(30));
        await AddAsync(busy, "rpm-current", now + TimeSpan.FromSeconds(30));
        await AddAsync(busy, "rpd-current", now + TimeSpan.FromHours(12));

        var deleted = await _services.Get<CounterSweeper>().SweepOnceAsync(CancellationToken.None);

        Assert.True(deleted >= 151, $"deleted {deleted}");
        Assert.Equal(["rpd-current", "rpm-current", "rpm-in-grace"], await RowKeysAsync(busy));
        Assert.Empty(await RowKeysAsync(quiet));
    }

    [Fact]
    public async Task SweepOnce_TwoInstancesAtOnce_BothSucceedAndEveryRowGoes()
    {
        var scope = "key:" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 40; i++)
        {
            await AddAsync(scope, $"rpm-old{i:D2}", _time.GetUtcNow() - TimeSpan.FromDays(1));
        }

        await using var other = await CoreServices.StartAsync(_time);
        var counts = await Task.WhenAll(
            _services.Get<CounterSweeper>().SweepOnceAsync(CancellationToken.None),
            other.Get<CounterSweeper>().SweepOnceAsync(CancellationToken.None));

        Assert.Empty(await RowKeysAsync(scope));
        Assert.True(counts.Sum() >= 40, $"deleted {counts[0]} + {counts[1]}");
    }

    [Fact]
    public async Task Running_AfterOneInterval_Sweeps()
    {
        var scope = "key:" + Guid.NewGuid().ToString("N");
        await AddAsync(scope, "rpm-old", _time.GetUtcNow() - TimeSpan.FromDays(1));
        var sweeper = _services.Get<CounterSweeper>();
        await sweeper.StartAsync(CancellationToken.None);
        try
        {
            _time.Advance(TimeSpan.FromMinutes(59));
            await Task.Delay(200);
            Assert.Single(await RowKeysAsync(scope)); // the first sweep waits a whole interval

            // Minute by minute, not in one jump: the sweeper's loop may set its timer only after a jump, relative to the
            // new time.
            Assert.True(await Eventually.TrueAsync(async () =>
            {
                _time.Advance(TimeSpan.FromMinutes(1));
                return (await RowKeysAsync(scope)).Count == 0;
            }), "the row was not swept");
        }
        finally
        {
            await sweeper.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Running_StorageUnreachable_LogsAndKeepsSweeping()
    {
        var logger = new WarningLog();
        using var sweeper = new CounterSweeper(UnreachableStorage(), Options.Create(new GatehouseOptions()), _time, logger);
        await sweeper.StartAsync(CancellationToken.None);
        try
        {
            for (var sweep = 1; sweep <= 2; sweep++)
            {
                Assert.True(await Eventually.TrueAsync(() =>
                {
                    _time.Advance(TimeSpan.FromMinutes(5)); // in steps, as above: the next timer may be set after a jump
                    return logger.Count >= sweep;
                }), $"sweep {sweep} logged no warning");
            }

            Assert.False(sweeper.ExecuteTask!.IsCompleted);
        }
        finally
        {
            await sweeper.StopAsync(CancellationToken.None);
        }
    }

    private async Task AddAsync(string scope, string rowKey, DateTimeOffset windowEnd) =>
        await Counters.AddEntityAsync(new RateCounterEntity { PartitionKey = scope, RowKey = rowKey, Granted = 1, WindowEnd = windowEnd });

    private async Task<List<string>> RowKeysAsync(string scope)
    {
        var rows = new List<string>();
        await foreach (var row in Counters.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {scope}")))
        {
            rows.Add(row.RowKey);
        }

        return rows;
    }

    /// <summary>The test Azurite's settings with the table endpoint moved to a port nothing listens on.</summary>
    private static StorageClients UnreachableStorage()
    {
        var connection = Regex.Replace(TestStorage.ConnectionString, @"TableEndpoint=http://127\.0\.0\.1:\d+", $"TableEndpoint=http://127.0.0.1:{RefusingPort.Reserve()}");
        var resolved = StorageConnection.TryResolve(new StorageOptions { ConnectionString = connection }, new ConfigurationBuilder().Build(), out _)!;
        return new StorageClients(resolved);
    }

    /// <summary>Counts warnings; the sweeper logs nothing else at that level.</summary>
    private sealed class WarningLog : ILogger<CounterSweeper>
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => NullLogger.Instance.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
