using System.Collections.Concurrent;
using Azure.Data.Tables;
using Gatehouse.Storage;
using Gatehouse.Storage.Entities;
using K = Gatehouse.Audit.AuditChainProblemKinds;

namespace Gatehouse.Audit;

/// <summary>
/// Re-checks one partition of <c>AuditLog</c>: every record's hash against its columns (and body), then the links in
/// Seq order, then the head. Reads the partition once, keeping only each record's chain columns, and the body blobs
/// with bounded parallelism.
/// </summary>
public sealed class AuditChainVerifier(StorageClients storage, AuditChain chain, AuditBodyStorage bodies)
{
    /// <summary>Records one verification reads (about 0.5 KB of memory each while it runs); past it the report says <c>too_large</c>.</summary>
    public const int MaxRecords = 500_000;

    private const int BlobReaders = 8;

    private readonly TableClient _table = storage.Table(TableNames.AuditLog);

    public async Task<AuditChainReport> VerifyAsync(string? tenant, DateOnly day, CancellationToken cancellationToken)
    {
        var partition = AuditLogEntity.PartitionFor(tenant, new DateTimeOffset(day, TimeOnly.MinValue, TimeSpan.Zero));
        var problems = new ConcurrentBag<AuditChainProblem>();
        var links = new List<Link>();
        var blobs = new List<(Link Link, string Name, string? Sha)>();
        (long Seq, string? Hash)? head = null;
        var records = 0L;
        await foreach (var row in _table.QueryAsync<TableEntity>($"PartitionKey eq '{partition.Replace("'", "''", StringComparison.Ordinal)}'", cancellationToken: cancellationToken))
        {
            if (row.RowKey == AuditChainHeadEntity.Key)
            {
                head = (Number(row, nameof(AuditChainHeadEntity.Seq)) ?? -1, Text(row, nameof(AuditChainHeadEntity.Hash)));
                continue;
            }

            if (++records > MaxRecords)
            {
                problems.Add(new(K.TooLarge, null, null, $"more than {MaxRecords} records; this partition was not verified."));
                return new AuditChainReport(partition, records, head?.Seq ?? 0, head?.Hash, [.. problems]);
            }

            if (Check(row, problems) is { } link)
            {
                links.Add(link);
                if (Text(row, nameof(AuditLogEntity.BodyBlob)) is { } blob && Text(row, nameof(AuditLogEntity.Body)) is null)
                {
                    blobs.Add((link, blob, Text(row, nameof(AuditLogEntity.BodySha256))));
                }
            }
        }

        await Parallel.ForEachAsync(blobs, new ParallelOptions { MaxDegreeOfParallelism = BlobReaders, CancellationToken = cancellationToken }, async (blob, ct) =>
        {
            var text = await bodies.ReadBlobAsync(blob.Name, maxBytes: null, ct);
            if (text is null)
            {
                problems.Add(new(K.BodyBlobMissing, blob.Link.Seq, blob.Link.RequestId, $"body blob '{blob.Name}' does not exist."));
            }
            else if (!AuditChain.Same(AuditBodyStorage.Sha256(text), blob.Sha))
            {
                problems.Add(new(K.BodyBlobChanged, blob.Link.Seq, blob.Link.RequestId, $"body blob '{blob.Name}' does not match the record's BodySha256."));
            }
        });

        var last = CheckLinks(links, problems);
        CheckHead(head, last, links.Count > 0, problems);
        return new AuditChainReport(partition, records, head?.Seq ?? 0, head?.Hash,
            [.. problems.OrderBy(p => p.Seq ?? long.MaxValue).ThenBy(p => p.Kind, StringComparer.Ordinal).ThenBy(p => p.RequestId, StringComparer.Ordinal)]);
    }

    /// <summary>The record against its own hash and body column; its chain columns when they are readable at all.</summary>
    private Link? Check(TableEntity row, ConcurrentBag<AuditChainProblem> problems)
    {
        var seq = Number(row, nameof(AuditLogEntity.Seq));
        var prev = Text(row, nameof(AuditLogEntity.PrevHash));
        var hash = Text(row, nameof(AuditLogEntity.Hash));
        if (seq is null || prev is null || hash is null)
        {
            problems.Add(new(K.Edited, seq, row.RowKey, "the chain columns (Seq, PrevHash, Hash) are missing or not of their type."));
            return null;
        }

        if (!AuditChain.Same(chain.Link(prev, row), hash))
        {
            problems.Add(new(K.Edited, seq, row.RowKey, "the record's columns do not match its hash."));
        }

        var body = Text(row, nameof(AuditLogEntity.Body));
        var sha = Text(row, nameof(AuditLogEntity.BodySha256));
        if (body is not null ? !AuditChain.Same(AuditBodyStorage.Sha256(body), sha) : sha is not null && Text(row, nameof(AuditLogEntity.BodyBlob)) is null)
        {
            problems.Add(new(K.BodyChanged, seq, row.RowKey, body is null ? "the body is gone (no Body, no BodyBlob)." : "the Body column does not match BodySha256."));
        }

        return new Link(seq.Value, row.RowKey, prev, hash);
    }

    /// <summary>Walks the records in Seq order; returns the last one's hash and Seq.</summary>
    private static (long Seq, string Hash) CheckLinks(List<Link> links, ConcurrentBag<AuditChainProblem> problems)
    {
        links.Sort((a, b) => a.Seq != b.Seq ? a.Seq.CompareTo(b.Seq) : string.CompareOrdinal(a.RequestId, b.RequestId));
        var byHash = new Dictionary<string, Link>(StringComparer.Ordinal);
        links.ForEach(l => byHash.TryAdd(l.Hash, l));
        var (expected, prev) = (1L, AuditChain.Genesis);
        foreach (var link in links)
        {
            if (link.Seq < expected)
            {
                problems.Add(new(K.Reordered, link.Seq, link.RequestId, $"another record also has seq {link.Seq}."));
                continue;
            }

            if (link.Seq > expected)
            {
                var range = link.Seq - 1 == expected ? $"seq {expected} is" : $"seqs {expected}-{link.Seq - 1} are";
                problems.Add(new(K.Missing, expected, null, $"{range} missing (deleted, or their Seq edited)."));
            }
            else if (!AuditChain.Same(link.PrevHash, prev))
            {
                problems.Add(byHash.TryGetValue(link.PrevHash, out var after)
                    ? new(K.Reordered, link.Seq, link.RequestId, $"links to seq {after.Seq} ({after.RequestId}), not to seq {link.Seq - 1}.")
                    : new(K.BrokenLink, link.Seq, link.RequestId, "links to a record that is not in the partition."));
            }

            (expected, prev) = (link.Seq + 1, link.Hash);
        }

        return (expected - 1, prev);
    }

    private static void CheckHead((long Seq, string? Hash)? head, (long Seq, string Hash) last, bool anyRecords, ConcurrentBag<AuditChainProblem> problems)
    {
        if (head is not { } h)
        {
            if (anyRecords)
            {
                problems.Add(new(K.HeadMissing, null, null, "records exist but the head row (~head) does not."));
            }

            return;
        }

        if (h.Seq > last.Seq)
        {
            problems.Add(new(K.Missing, last.Seq + 1, null, $"the head says {h.Seq} records but the last one found is seq {last.Seq} (the tail was cut)."));
        }
        else if (h.Seq < last.Seq || !AuditChain.Same(h.Hash, last.Hash))
        {
            problems.Add(new(K.HeadMismatch, h.Seq, null, $"the head (seq {h.Seq}) does not match the last record (seq {last.Seq})."));
        }
    }

    private static long? Number(TableEntity row, string name) => row.TryGetValue(name, out var value)
        ? value switch { long l => l, int i => i, _ => null }
        : null;

    private static string? Text(TableEntity row, string name) => row.TryGetValue(name, out var value) ? value as string : null;

    private sealed record Link(long Seq, string RequestId, string PrevHash, string Hash);
}
