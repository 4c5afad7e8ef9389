using System.Reflection;
using Azure.Data.Tables;
using Gatehouse.Audit;
using Gatehouse.Configuration;
using Gatehouse.Storage.Entities;
using Microsoft.Extensions.Options;

namespace Gatehouse.Tests.Audit;

public sealed class AuditChainTests
{
    private const string Pepper = "unit-test-pepper-0123456789abcdefghijkl";
    private static readonly string Prev = new('a', 64);

    private static AuditChain Chain(string pepper = Pepper) =>
        new(Options.Create(new GatehouseOptions { Keys = new KeyOptions { Pepper = pepper } }));

    /// <summary>Every column of <see cref="AuditLogEntity"/> set to a value, so a column added later is covered too.</summary>
    private static TableEntity FullRow()
    {
        var entity = new AuditLogEntity { PartitionKey = "acme_20261122", RowKey = "req_1" };
        foreach (var property in typeof(AuditLogEntity).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object? value = property.Name switch
            {
                nameof(AuditLogEntity.PartitionKey) or nameof(AuditLogEntity.RowKey) or nameof(AuditLogEntity.ETag) or nameof(AuditLogEntity.Timestamp) => null,
                _ when type == typeof(string) => $"v-{property.Name}",
                _ when type == typeof(int) => 7,
                _ when type == typeof(long) => 3L,
                _ when type == typeof(double) => 1.5,
                _ when type == typeof(bool) => true,
                _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 11, 22, 10, 15, 2, 123, TimeSpan.Zero),
                _ => throw new InvalidOperationException($"add a sample value for {type.Name} ({property.Name})"),
            };
            if (value is not null)
            {
                property.SetValue(entity, value);
            }
        }

        return AuditLogRow.ToTableEntity(entity);
    }

    private static object Changed(object value) => value switch
    {
        string s => s + "x",
        int i => i + 1,
        long l => l + 1,
        double d => d + 0.25,
        bool b => !b,
        DateTimeOffset t => t.AddMilliseconds(1),
        _ => throw new InvalidOperationException(value.GetType().Name),
    };

    [Fact]
    public void Link_AnyHashedColumnChanged_ChangesHash()
    {
        var chain = Chain();
        var row = FullRow();
        var original = chain.Link(Prev, row);
        var hashed = row.Keys.Where(k => k is not ("Hash" or "PrevHash" or "Body")).ToList();

        Assert.Equal(typeof(AuditLogEntity).GetProperties().Length - 5, hashed.Count); // all but ETag, Timestamp and the three above
        foreach (var column in hashed)
        {
            var edited = FullRow();
            edited[column] = Changed(edited[column]);
            Assert.True(original != chain.Link(Prev, edited), $"changing {column} left the hash unchanged");
        }
    }

    [Fact]
    public void Link_ColumnAddedRemovedOrRetyped_ChangesHash()
    {
        var chain = Chain();
        var original = chain.Link(Prev, FullRow());
        var added = FullRow();
        added["Note"] = "inserted later";
        var removed = FullRow();
        removed.Remove("ErrorCode");
        var retyped = FullRow();
        retyped["Status"] = "7";

        Assert.NotEqual(original, chain.Link(Prev, added));
        Assert.NotEqual(original, chain.Link(Prev, removed));
        Assert.NotEqual(original, chain.Link(Prev, retyped));
    }

    [Fact]
    public void Link_OtherPrevHashOrPepper_ChangesHash()
    {
        var row = FullRow();
        Assert.NotEqual(Chain().Link(Prev, row), Chain().Link(AuditChain.Genesis, row));
        Assert.NotEqual(Chain().Link(Prev, row), Chain(Pepper + "-other").Link(Prev, row));
    }

    [Fact]
    public void Link_ServiceColumnsAndBodyText_AreNotHashed()
    {
        var chain = Chain();
        var row = FullRow();
        var original = chain.Link(Prev, row);
        row.Timestamp = DateTimeOffset.UnixEpoch;
        row.ETag = new Azure.ETag("W/\"x\"");
        row["Hash"] = "anything";
        row["Body"] = "the envelope; its BodySha256 is hashed instead";

        Assert.Equal(original, chain.Link(Prev, row));
    }

    [Fact]
    public void Canonical_ColumnOrderAndWholeDoubleAsInteger_SameBytes()
    {
        var written = new TableEntity("p", "r") { ["Status"] = 200, ["LatencyMs"] = 12.0, ["Route"] = "POST /v1/chat/completions" };
        var readBack = new TableEntity("p", "r") { ["Route"] = "POST /v1/chat/completions", ["LatencyMs"] = 12, ["Status"] = 200 };

        Assert.Equal(AuditChain.Canonical(written), AuditChain.Canonical(readBack));
    }

    [Fact]
    public void Link_FixedRow_HasTheSameHashAsWhenTheFormatWasPinned()
    {
        // Computed independently (a short script over the documented format). A change here means every stored chain
        // stops verifying: version the format instead (the domain string).
        var row = new TableEntity("acme_20261122", "req_1")
        {
            ["Seq"] = 1L,
            ["Kind"] = "request",
            ["Time"] = new DateTimeOffset(2026, 11, 22, 10, 15, 2, 123, TimeSpan.Zero),
            ["Status"] = 200,
            ["LatencyMs"] = 12.5,
            ["Stream"] = false,
            ["CostUsd"] = "0.000125",
        };
        Assert.Equal("4dcb71fc2e4a7aa5617692bc88ef61cfcf222e49bf8499008994d4d7dc59044a", Chain().Link(AuditChain.Genesis, row));
    }
}
