using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary><c>gatehouse alerts list [--days N]</c>: alert records of the last N days, newest first, and where each was delivered.</summary>
internal static class AlertCommands
{
    public static Task<int> RunAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        var verb = args.Positional.ElementAtOrDefault(1);
        if (verb == "list" && args.FirstUnknown("--days") is { } unknown)
        {
            return console.UsageErrorAsync($"{unknown} is not an option of 'alerts list'.");
        }

        return verb == "list"
            ? ListAsync(args.Option("--days") ?? "1", client, console, cancellationToken)
            : console.UsageErrorAsync("alerts: expected list.");
    }

    private static async Task<int> ListAsync(string days, AdminApiClient client, CliConsole console, CancellationToken cancellationToken) =>
        await console.ShowAsync(await client.GetAsync($"admin/alerts?days={Uri.EscapeDataString(days)}", cancellationToken), list =>
        {
            // One column for the deliveries: "ops=delivered,teams=failed (HTTP 500)".
            foreach (var alert in list?["data"]?.AsArray() ?? [])
            {
                if (alert is JsonObject row)
                {
                    row["delivered"] = string.Join(",", (row["deliveries"]?.AsObject() ?? []).Select(d => $"{d.Key}={Delivery(d.Value)}"));
                }
            }

            return console.PrintTableAsync(list, "time", "kind", "scope", "scope_id", "tenant", "delivered", "message");
        });

    private static string Delivery(JsonNode? state) =>
        state?["delivered_at"] is not null ? "delivered" : $"failed ({state?["error"]})";
}
