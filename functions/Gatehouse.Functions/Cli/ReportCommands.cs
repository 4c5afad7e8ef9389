using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary>
/// <c>gatehouse report spend --tenant ID [--days N] [--by day|key|model]</c>: reads <c>…/spend</c> and prints one line
/// per day, key and model (or per day, key or model) and a total line.
/// </summary>
internal static class ReportCommands
{
    public static Task<int> RunAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.Positional.ElementAtOrDefault(1) != "spend")
        {
            return console.UsageErrorAsync("report: expected spend.");
        }

        if (args.FirstUnknown("--tenant", "--days", "--by") is { } unknown)
        {
            return console.UsageErrorAsync($"{unknown} is not an option of 'report spend'.");
        }

        return args.Option("--tenant") is { } tenant
            ? SpendAsync(tenant, args, client, console, cancellationToken)
            : console.UsageErrorAsync("report spend needs --tenant ID.");
    }

    private static async Task<int> SpendAsync(string tenant, CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        var query = $"days={Uri.EscapeDataString(args.Option("--days") ?? "7")}";
        if (args.Option("--by") is { } by)
        {
            query += $"&by={Uri.EscapeDataString(by)}";
        }

        var result = await client.GetAsync($"admin/tenants/{Uri.EscapeDataString(tenant)}/spend?{query}", cancellationToken);
        return await console.ShowAsync(result, async report =>
        {
            string[] split = args.Option("--by") switch
            {
                "day" => ["day"],
                "key" => ["key_id"],
                "model" => ["model"],
                _ => ["day", "key_id", "model"],
            };
            await console.Output.WriteLineAsync($"Spend of tenant {report?["tenant"]} from {Day(report?["from"])} to {Day(report?["to"])} (UTC, end exclusive):");
            var lines = new JsonArray([.. (report?["rows"]?.AsArray() ?? []).Select(r => r?.DeepClone())]);
            var total = report?["total"]?.DeepClone() as JsonObject ?? [];
            total[split[0]] = "TOTAL";
            lines.Add(total);
            await console.PrintTableAsync(new JsonObject { ["data"] = lines },
                [.. split, "requests", "errors", "blocked", "prompt_tokens", "completion_tokens", "cost_usd", "latency_p50_ms", "latency_p95_ms"]);
        });
    }

    /// <summary>The date part of an ISO time, e.g. <c>2026-11-22</c>.</summary>
    private static string Day(JsonNode? time) => time?.ToString() is { Length: >= 10 } text ? text[..10] : "?";
}
