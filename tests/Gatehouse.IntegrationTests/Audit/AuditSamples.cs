using Azure.Data.Tables;
using Gatehouse.Audit;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.Routing;

namespace Gatehouse.IntegrationTests.Audit;

/// <summary>Audit events for one fixed UTC day, and what the <c>AuditLog</c> table holds for a test's own tenant.</summary>
internal static class AuditSamples
{
    public const string DayText = "2026-11-22";

    public static readonly DateTimeOffset Day = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    public static TableClient Table { get; } = new(TestStorage.ConnectionString, "AuditLog");

    public static string NewTenant() => AdminApi.NewTenantId();

    public static string Partition(string tenant) => $"{tenant}_20261122";

    public static AuditEvent Event(string tenant, int i, AuditBody? body = null) => new()
    {
        RequestId = $"req-{Guid.NewGuid():N}",
        Time = Day.AddHours(10).AddTicks(i * 1_234_567),
        Route = "POST /v1/chat/completions",
        Tenant = tenant,
        KeyId = "key_abc",
        Model = "gpt-4o-mini",
        Deployment = "fake-1",
        Status = 200,
        LatencyMs = 12.5 + i,
        PromptTokens = 10,
        CompletionTokens = 5 + i,
        CostUsd = 0.000125m * (i + 1),
        Attempts = [new UpstreamAttempt("fake-1", "success", 200, 11.0)],
        Body = body,
    };

    public static List<AuditEvent> Events(string tenant, int count) => [.. Enumerable.Range(0, count).Select(i => Event(tenant, i))];

    public static AuditBody Body(int ciphertextChars) => new()
    {
        Mode = "full",
        KeyId = "k1",
        Nonce = Convert.ToBase64String(new byte[12]),
        Ciphertext = new string('Q', ciphertextChars),
        Tag = Convert.ToBase64String(new byte[16]),
    };

    /// <summary>The partition's records (the head row left out), in Seq order.</summary>
    public static async Task<List<TableEntity>> RecordsAsync(string tenant)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(tenant)}")))
        {
            if (row.RowKey != "~head")
            {
                rows.Add(row);
            }
        }

        return [.. rows.OrderBy(r => r.GetInt64("Seq"))];
    }
}
