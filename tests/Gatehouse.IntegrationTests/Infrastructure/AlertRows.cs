using Azure.Data.Tables;

namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>Reads the <c>Alerts</c> table as an operator would, by alert id or by what the alert is about.</summary>
public static class AlertRows
{
    private static TableClient Table => new(TestStorage.ConnectionString, "Alerts");

    public static async Task<TableEntity?> ByIdAsync(string alertId)
    {
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Id eq {alertId}")))
        {
            return row;
        }

        return null;
    }

    public static async Task<List<TableEntity>> ByScopeIdAsync(string scopeId)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ScopeId eq {scopeId}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Waits for the alert's row (the alerts worker of some running gateway writes it).</summary>
    public static async Task<TableEntity?> EventuallyAsync(string alertId, TimeSpan? bound = null)
    {
        TableEntity? found = null;
        await Eventually.TrueAsync(async () => (found = await ByIdAsync(alertId)) is not null, bound ?? TimeSpan.FromSeconds(30));
        return found;
    }
}
