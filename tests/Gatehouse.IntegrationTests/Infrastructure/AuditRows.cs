using Azure.Data.Tables;

namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>Reads what the audit writer stored, waiting for the queue hop (the writer is asynchronous by design).</summary>
public static class AuditRows
{
    public static async Task<TableEntity> WaitForAsync(string? tenant, string requestId, TimeSpan? timeout = null)
    {
        var table = new TableClient(TestStorage.ConnectionString, "AuditLog");
        var partition = $"{tenant ?? "_anonymous"}_{DateTime.UtcNow:yyyyMMdd}";
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, requestId);
            if (row.HasValue)
            {
                return row.Value!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no audit row {partition}/{requestId} within the timeout");
            await Task.Delay(200);
        }
    }
}
