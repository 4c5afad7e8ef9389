using Gatehouse.Messaging;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Tests.Alerts;

public sealed class AlertEntityTests
{
    [Fact]
    public void RowKeyFor_CharactersTablesRefuse_AreEscaped_OthersKept()
    {
        Assert.Equal("poison:audit-events:5b1c-22", AlertEntity.RowKeyFor("poison:audit-events:5b1c-22"));
        Assert.Equal("a%2Fb%5Cc%23d%3Fe%25f%0Ag", AlertEntity.RowKeyFor("a/b\\c#d?e%f\ng"));
        Assert.NotEqual(AlertEntity.RowKeyFor("a/b"), AlertEntity.RowKeyFor("a%2Fb")); // '%' is escaped too, so no two ids share a key
    }

    [Fact]
    public void RowKeyFor_VeryLongId_IsHashedWithinTheLimit()
    {
        var key = AlertEntity.RowKeyFor(new string('x', 2000));

        Assert.StartsWith("sha256-", key, StringComparison.Ordinal);
        Assert.True(key.Length < 100);
        Assert.NotEqual(key, AlertEntity.RowKeyFor(new string('x', 2001)));
    }

    [Fact]
    public void PartitionFor_WindowStart_WinsOverTime()
    {
        var alert = new AlertMessage
        {
            Id = "x",
            Kind = AlertKinds.GuardrailBlockBurst,
            Time = new DateTimeOffset(2026, 11, 23, 0, 1, 0, TimeSpan.Zero),
            PeriodStart = new DateTimeOffset(2026, 11, 22, 23, 58, 0, TimeSpan.Zero),
            Scope = "key",
            ScopeId = "k",
            Message = "m",
        };

        Assert.Equal("20261122", AlertEntity.PartitionFor(alert));
        Assert.Equal("20261123", AlertEntity.PartitionFor(alert with { PeriodStart = null }));
    }
}
