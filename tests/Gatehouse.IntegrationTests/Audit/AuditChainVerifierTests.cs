using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Gatehouse.Audit;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Audit;

/// <summary>Verify on Azurite: an untouched day is OK; each way of tampering with the table or a body blob is reported.</summary>
public sealed class AuditChainVerifierTests : IAsyncLifetime
{
    private readonly string _tenant = AuditSamples.NewTenant();
    private CoreServices _core = null!;
    private List<TableEntity> _rows = null!;

    public async Task InitializeAsync()
    {
        _core = await CoreServices.StartAsync(TimeProvider.System);
        var events = AuditSamples.Events(_tenant, 6);
        events[4] = events[4] with { Body = AuditSamples.Body(40_000) };
        events[1] = events[1] with { Body = AuditSamples.Body(100) };
        await _core.Get<AuditLogStore>().WriteAsync(events, CancellationToken.None);
        _rows = await AuditSamples.RecordsAsync(_tenant);
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private Task<AuditChainReport> VerifyAsync() =>
        _core.Get<AuditChainVerifier>().VerifyAsync(_tenant, DateOnly.Parse(AuditSamples.DayText, System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);

    private Task<Response> MergeAsync(int seq, string column, object value) =>
        AuditSamples.Table.UpdateEntityAsync(new TableEntity(_rows[seq - 1].PartitionKey, _rows[seq - 1].RowKey) { [column] = value }, ETag.All, TableUpdateMode.Merge);

    private static void AssertFound(AuditChainReport report, string kind, long? seq)
    {
        Assert.False(report.Ok);
        Assert.True(report.Problems.Any(p => p.Kind == kind && p.Seq == seq), $"expected {kind} at seq {seq}; got {string.Join("; ", report.Problems)}");
    }

    [Fact]
    public async Task Verify_UntouchedPartition_IsOk()
    {
        var report = await VerifyAsync();

        Assert.True(report.Ok, string.Join("; ", report.Problems));
        Assert.Equal(6, report.Records);
        Assert.Equal(6, report.HeadSeq);
        Assert.Equal(_rows[5].GetString("Hash"), report.HeadHash);
    }

    [Fact]
    public async Task Verify_EmptyDay_IsOkWithNoRecords()
    {
        var report = await _core.Get<AuditChainVerifier>().VerifyAsync(AuditSamples.NewTenant(), new DateOnly(2026, 11, 22), CancellationToken.None);

        Assert.True(report.Ok);
        Assert.Equal(0, report.Records);
        Assert.Null(report.HeadHash);
    }

    [Fact]
    public async Task Verify_StatusEdited_ReportsEdited()
    {
        await MergeAsync(3, "Status", 500);

        var report = await VerifyAsync();

        AssertFound(report, AuditChainProblemKinds.Edited, 3);
        Assert.Equal(_rows[2].RowKey, Assert.Single(report.Problems).RequestId);
    }

    [Fact]
    public async Task Verify_CostEditedAndColumnAdded_ReportsBothRecords()
    {
        await MergeAsync(2, "CostUsd", "0.000001");
        await MergeAsync(5, "Note", "added later");

        var report = await VerifyAsync();

        AssertFound(report, AuditChainProblemKinds.Edited, 2);
        AssertFound(report, AuditChainProblemKinds.Edited, 5);
    }

    [Fact]
    public async Task Verify_MiddleRecordDeleted_ReportsMissing()
    {
        await AuditSamples.Table.DeleteEntityAsync(_rows[2].PartitionKey, _rows[2].RowKey);

        var report = await VerifyAsync();

        AssertFound(report, AuditChainProblemKinds.Missing, 3);
        Assert.Equal(5, report.Records);
    }

    [Fact]
    public async Task Verify_LastRecordDeleted_ReportsTheCutTail()
    {
        await AuditSamples.Table.DeleteEntityAsync(_rows[5].PartitionKey, _rows[5].RowKey);

        var report = await VerifyAsync();

        AssertFound(report, AuditChainProblemKinds.Missing, 6);
    }

    [Fact]
    public async Task Verify_HeadDeleted_ReportsHeadMissing()
    {
        await AuditSamples.Table.DeleteEntityAsync(_rows[0].PartitionKey, "~head");

        AssertFound(await VerifyAsync(), AuditChainProblemKinds.HeadMissing, null);
    }

    [Fact]
    public async Task Verify_TwoRecordsSeqSwapped_ReportsReordered()
    {
        await MergeAsync(3, "Seq", 4L);
        await MergeAsync(4, "Seq", 3L);

        var report = await VerifyAsync();

        AssertFound(report, AuditChainProblemKinds.Reordered, 3);
        AssertFound(report, AuditChainProblemKinds.Reordered, 4);
    }

    [Fact]
    public async Task Verify_ForgedRecordInserted_ReportsIt()
    {
        var forged = new TableEntity(_rows[0].PartitionKey, $"req-{Guid.NewGuid():N}");
        foreach (var (name, value) in _rows[3].Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
        {
            forged[name] = value;
        }

        forged["Seq"] = 7L;
        forged["PrevHash"] = _rows[5].GetString("Hash");
        await AuditSamples.Table.AddEntityAsync(forged);

        var report = await VerifyAsync();

        AssertFound(report, AuditChainProblemKinds.Edited, 7);
        AssertFound(report, AuditChainProblemKinds.HeadMismatch, 6);
    }

    [Fact]
    public async Task Verify_InlineBodyEdited_ReportsBodyChanged()
    {
        await MergeAsync(2, "Body", _rows[1].GetString("Body").Replace("QQQ", "QQR", StringComparison.Ordinal));

        AssertFound(await VerifyAsync(), AuditChainProblemKinds.BodyChanged, 2);
    }

    [Fact]
    public async Task Verify_BodyBlobEditedOrDeleted_ReportsTheBlob()
    {
        var blob = new BlobContainerClient(TestStorage.ConnectionString, "audit-bodies").GetBlobClient(_rows[4].GetString("BodyBlob"));
        var text = (await blob.DownloadContentAsync()).Value.Content.ToString();
        await blob.UploadAsync(BinaryData.FromString(text.Replace("QQQ", "QQR", StringComparison.Ordinal)), overwrite: true);

        var edited = await VerifyAsync();
        await blob.DeleteAsync();
        var deleted = await VerifyAsync();

        AssertFound(edited, AuditChainProblemKinds.BodyBlobChanged, 5);
        Assert.Single(edited.Problems);
        AssertFound(deleted, AuditChainProblemKinds.BodyBlobMissing, 5);
    }
}
