using Azure.Data.Tables;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.IntegrationTests.Messaging;

/// <summary>
/// No accepted audit event is lost to a crash: the real gateway runs as a child process, is killed outright
/// (SIGKILL: no shutdown, no drain), and started again on the same journal; every request's audit row then arrives.
/// </summary>
public sealed class JournalCrashTests : IAsyncLifetime
{
    private const int Requests = 20;
    private static readonly TimeSpan RowWait = TimeSpan.FromSeconds(90);

    private readonly string _journal = TestJournal.NewRoot();
    private FakeOpenAIServer _provider = null!;

    public async Task InitializeAsync()
    {
        _provider = await FakeOpenAIServer.StartAsync();
        // Tables, queues and containers exist before a gateway that cannot reach the queue service starts.
        await using var _ = await CoreServices.StartAsync(TimeProvider.System);
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task Kill_WhileTheQueueIsUnreachable_EveryEventIsSentAfterTheRestart()
    {
        string tenant;
        List<string> ids;
        using (var down = await GatewayProcess.StartAsync(_provider.BaseUrl, StorageEndpoints.WithRefusedQueues(), _journal, createStorage: false))
        {
            (tenant, ids) = await SendRequestsAsync(down);
            var journaled = await Eventually.TrueAsync(() => JournalFiles.Holding(_journal, ids).Count == ids.Count, TimeSpan.FromSeconds(30));
            Assert.True(journaled, $"{JournalFiles.Holding(_journal, ids).Count} of {ids.Count} events journaled\n{down.Output}");
            down.Kill();
        }

        using var up = await GatewayProcess.StartAsync(_provider.BaseUrl, TestStorage.ConnectionString, _journal);
        foreach (var id in ids)
        {
            await AuditRows.WaitForAsync(tenant, id, RowWait);
        }
    }

    [Fact]
    public async Task Kill_RightAfterTheRequestsWithTheQueueUp_EveryEventIsStoredAfterTheRestart()
    {
        string tenant;
        List<string> ids;
        using (var first = await GatewayProcess.StartAsync(_provider.BaseUrl, TestStorage.ConnectionString, _journal))
        {
            (tenant, ids) = await SendRequestsAsync(first);

            // Kill once every event is safe: journaled (seen in a segment file at least once, since a sent batch's
            // file is deleted) or already stored. Anything in between is in the queue, which a kill cannot touch.
            var safe = new HashSet<string>();
            var allSafe = await Eventually.TrueAsync(async () =>
            {
                safe.UnionWith(JournalFiles.Holding(_journal, ids));
                if (safe.Count < ids.Count)
                {
                    safe.UnionWith(await StoredAsync(tenant));
                }

                return ids.All(safe.Contains);
            }, TimeSpan.FromSeconds(30));
            Assert.True(allSafe, $"{safe.Count} of {ids.Count} events journaled or stored\n{first.Output}");
            first.Kill();
        }

        using var second = await GatewayProcess.StartAsync(_provider.BaseUrl, TestStorage.ConnectionString, _journal);
        foreach (var id in ids)
        {
            await AuditRows.WaitForAsync(tenant, id, RowWait);
        }
    }

    private static async Task<(string Tenant, List<string> Ids)> SendRequestsAsync(GatewayProcess gateway)
    {
        var (tenant, secret) = await gateway.CreateKeyAsync();
        var ids = new List<string>();
        for (var i = 0; i < Requests; i++)
        {
            var (status, requestId) = await gateway.ChatAsync(secret);
            Assert.Equal(200, status);
            ids.Add(requestId);
        }

        return (tenant, ids);
    }

    private static async Task<List<string>> StoredAsync(string tenant)
    {
        var table = new TableClient(TestStorage.ConnectionString, "AuditLog");
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo($"{tenant}_") > 0 && e.PartitionKey.CompareTo($"{tenant}`") < 0, select: ["RowKey"]))
        {
            rows.Add(row.RowKey);
        }

        return rows;
    }
}
