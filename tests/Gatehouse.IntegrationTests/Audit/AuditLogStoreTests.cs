using Azure.Storage.Blobs;
using Gatehouse.Audit;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Audit;

/// <summary>The audit writer on Azurite: idempotent on request id, one valid chain per tenant-day whoever writes.</summary>
public sealed class AuditLogStoreTests
{
    private static async Task AssertIntactAsync(CoreServices core, string tenant, long records)
    {
        var report = await core.Get<AuditChainVerifier>().VerifyAsync(tenant, DateOnly.FromDateTime(AuditSamples.Day.UtcDateTime), CancellationToken.None);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
        Assert.Equal(records, report.Records);
        Assert.Equal(records, report.HeadSeq);
        var seqs = (await AuditSamples.RecordsAsync(tenant)).Select(r => r.GetInt64("Seq")).ToList();
        Assert.Equal(Enumerable.Range(1, (int)records).Select(i => (long?)i), seqs);
    }

    [Fact]
    public async Task WriteAsync_SameBatchTwice_StoresEachOnceAndChainVerifies()
    {
        await using var core = await CoreServices.StartAsync(TimeProvider.System);
        var tenant = AuditSamples.NewTenant();
        var batch = AuditSamples.Events(tenant, 5);

        await core.Get<AuditLogStore>().WriteAsync(batch, CancellationToken.None);
        await core.Get<AuditLogStore>().WriteAsync(batch, CancellationToken.None);
        await core.Get<AuditLogStore>().WriteAsync([batch[2], batch[2]], CancellationToken.None);

        var rows = await AuditSamples.RecordsAsync(tenant);
        Assert.Equal(batch.Select(e => e.RequestId).Order(), rows.Select(r => r.RowKey).Order());
        await AssertIntactAsync(core, tenant, 5);
    }

    [Fact]
    public async Task WriteAsync_OverlappingBatch_AppendsOnlyTheNewEvents()
    {
        await using var core = await CoreServices.StartAsync(TimeProvider.System);
        var tenant = AuditSamples.NewTenant();
        var events = AuditSamples.Events(tenant, 8);

        await core.Get<AuditLogStore>().WriteAsync(events[..5], CancellationToken.None);
        await core.Get<AuditLogStore>().WriteAsync(events[3..], CancellationToken.None);

        var rows = await AuditSamples.RecordsAsync(tenant);
        Assert.Equal(events.Select(e => e.RequestId), rows.Select(r => r.RowKey));
        Assert.Equal(12.5 + 7, rows[7].GetDouble("LatencyMs"));
        await AssertIntactAsync(core, tenant, 8);
    }

    [Fact]
    public async Task WriteAsync_TwoWritersInParallel_OneValidChainWithEveryEvent()
    {
        await using var first = await CoreServices.StartAsync(TimeProvider.System);
        await using var second = await CoreServices.StartAsync(TimeProvider.System);
        var tenant = AuditSamples.NewTenant();
        var events = AuditSamples.Events(tenant, 100);

        // Two processes' worth of writers, each with several messages in flight, all on one partition.
        var writes = events.Chunk(5).Select((chunk, i) => (i % 2 == 0 ? first : second).Get<AuditLogStore>().WriteAsync(chunk, CancellationToken.None));
        await Task.WhenAll(writes);

        var rows = await AuditSamples.RecordsAsync(tenant);
        Assert.Equal(events.Select(e => e.RequestId).Order(), rows.Select(r => r.RowKey).Order());
        await AssertIntactAsync(first, tenant, 100);
    }

    [Fact]
    public async Task WriteAsync_MoreThanOneTransaction_ChainsAcrossThemAndRedeliveryAddsNothing()
    {
        await using var core = await CoreServices.StartAsync(TimeProvider.System);
        var tenant = AuditSamples.NewTenant();
        var events = AuditSamples.Events(tenant, 250);

        await core.Get<AuditLogStore>().WriteAsync(events, CancellationToken.None);
        await core.Get<AuditLogStore>().WriteAsync(events, CancellationToken.None);

        await AssertIntactAsync(core, tenant, 250);
    }

    [Fact]
    public async Task WriteAsync_Bodies_SmallInlineLargeInABlob_BothReadableAndVerified()
    {
        await using var core = await CoreServices.StartAsync(TimeProvider.System);
        var tenant = AuditSamples.NewTenant();
        var small = AuditSamples.Event(tenant, 0, AuditSamples.Body(1_000));
        var large = AuditSamples.Event(tenant, 1, AuditSamples.Body(50_000));

        await core.Get<AuditLogStore>().WriteAsync([small, large, AuditSamples.Event(tenant, 2)], CancellationToken.None);
        await core.Get<AuditLogStore>().WriteAsync([large], CancellationToken.None);

        var inline = await core.Get<AuditLogStore>().FindAsync(tenant, AuditSamples.Day, small.RequestId, CancellationToken.None);
        var blobbed = await core.Get<AuditLogStore>().FindAsync(tenant, AuditSamples.Day, large.RequestId, CancellationToken.None);
        Assert.Contains("\"ciphertext\":\"QQQ", inline!.Body, StringComparison.Ordinal);
        Assert.Null(inline.BodyBlob);
        Assert.Null(blobbed!.Body);
        var blob = new BlobContainerClient(TestStorage.ConnectionString, "audit-bodies").GetBlobClient(blobbed.BodyBlob);
        Assert.Contains(new string('Q', 50_000), (await blob.DownloadContentAsync()).Value.Content.ToString(), StringComparison.Ordinal);
        Assert.Equal(AuditBodyStorage.Sha256((await blob.DownloadContentAsync()).Value.Content.ToString()), blobbed.BodySha256);
        await AssertIntactAsync(core, tenant, 3);
    }

    [Fact]
    public async Task WriteAsync_UnusableRequestId_StoresTheOthersThenThrows()
    {
        await using var core = await CoreServices.StartAsync(TimeProvider.System);
        var tenant = AuditSamples.NewTenant();
        var good = AuditSamples.Event(tenant, 0);
        var bad = AuditSamples.Event(tenant, 1) with { RequestId = "a/b#c" };

        await Assert.ThrowsAsync<InvalidDataException>(() => core.Get<AuditLogStore>().WriteAsync([good, bad], CancellationToken.None));

        Assert.Equal([good.RequestId], (await AuditSamples.RecordsAsync(tenant)).Select(r => r.RowKey));
        await AssertIntactAsync(core, tenant, 1);
    }

    [Fact]
    public async Task WriteAsync_TenantUnusableAsKey_StoredUnderInvalid()
    {
        await using var core = await CoreServices.StartAsync(TimeProvider.System);
        var refused = AuditSamples.Event("a/b#c", 0);

        await core.Get<AuditLogStore>().WriteAsync([refused], CancellationToken.None);

        var row = await AuditSamples.Table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("_invalid_20261122", refused.RequestId);
        Assert.True(row.HasValue);
        var report = await core.Get<AuditChainVerifier>().VerifyAsync("_invalid", new DateOnly(2026, 11, 22), CancellationToken.None);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
    }
}
