using System.Globalization;
using System.Text.Json.Nodes;
using Gatehouse.Budgets;

namespace Gatehouse.Cli;

/// <summary>
/// <c>gatehouse budgets set|get|clear (--key ID | --tenant ID)</c>: a spending cap in USD per UTC day or month, and
/// what the current period has spent. Set and clear are the key's or tenant's PATCH, so the same permissions hold
/// (a tenant's budget: admins only); get reads <c>…/budget</c>.
/// </summary>
internal static class BudgetCommands
{
    public static Task<int> RunAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        var verb = args.Positional.ElementAtOrDefault(1);
        var unknown = verb switch
        {
            "set" => args.FirstUnknown("--key", "--tenant", "--usd", "--period"),
            "get" or "clear" => args.FirstUnknown("--key", "--tenant"),
            _ => null,
        };
        if (unknown is not null)
        {
            return console.UsageErrorAsync($"{unknown} is not an option of 'budgets {verb}'.");
        }

        if (verb is not ("set" or "get" or "clear"))
        {
            return console.UsageErrorAsync("budgets: expected set, get or clear.");
        }

        return Scope(args) switch
        {
            null => console.UsageErrorAsync($"budgets {verb} needs --key KEY_ID or --tenant ID (one of them)."),
            var (name, path) when verb == "set" => SetAsync(name, path, args, client, console, cancellationToken),
            var (name, path) when verb == "clear" => ClearAsync(name, path, client, console, cancellationToken),
            var (name, path) => GetAsync(name, path, client, console, cancellationToken),
        };
    }

    /// <summary>What the budget is on, as people read it ("key key_…") and as the API's path.</summary>
    private static (string Name, string Path)? Scope(CliArguments args) => (args.Option("--key"), args.Option("--tenant")) switch
    {
        ({ } key, null) => ($"key {key}", $"admin/keys/{Uri.EscapeDataString(key)}"),
        (null, { } tenant) => ($"tenant {tenant}", $"admin/tenants/{Uri.EscapeDataString(tenant)}"),
        _ => null,
    };

    private static async Task<int> SetAsync(string name, string path, CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.Option("--usd") is not { } usd || args.Option("--period") is not { } period)
        {
            return await console.UsageErrorAsync("budgets set needs --usd AMOUNT and --period day|month.");
        }

        var body = new JsonObject();
        if (BudgetFieldOptions.Add(body, "--usd", usd, period) is { } invalid)
        {
            return await console.UsageErrorAsync(invalid);
        }

        return await console.ShowAsync(await client.PatchAsync(path, body, cancellationToken),
            changed => console.Output.WriteLineAsync($"Set the budget of {name} to {Describe(changed?["budget"])}."));
    }

    private static async Task<int> ClearAsync(string name, string path, AdminApiClient client, CliConsole console, CancellationToken cancellationToken) =>
        await console.ShowAsync(await client.PatchAsync(path, new JsonObject { ["budget"] = null }, cancellationToken),
            _ => console.Output.WriteLineAsync($"Removed the budget of {name}; the configured default applies, if there is one."));

    private static async Task<int> GetAsync(string name, string path, AdminApiClient client, CliConsole console, CancellationToken cancellationToken) =>
        await console.ShowAsync(await client.GetAsync($"{path}/budget", cancellationToken), async spend =>
        {
            if (spend?["budget"] is not { } budget)
            {
                await console.Output.WriteLineAsync($"{name} has no budget: none of its own and no configured default.");
                return;
            }

            var source = spend["source"]?.ToString() == "default" ? "the configured default" : "its own";
            await console.Output.WriteLineAsync($"{name}: budget {Describe(budget)} ({source})");
            await console.Output.WriteLineAsync($"  spent      {Dollars(spend["spent_usd"])}");
            await console.Output.WriteLineAsync($"  remaining  {Dollars(spend["remaining_usd"])}");
            await console.Output.WriteLineAsync($"  resets at  {spend["resets_at"]}");
        });

    /// <summary><c>{"usd": 50, "period": "month"}</c> as "$50.00 per month".</summary>
    private static string Describe(JsonNode? budget) =>
        budget?["usd"]?.GetValue<decimal>() is { } usd && Budget.TryParsePeriod(budget["period"]?.ToString(), out var period)
            ? new Budget(usd, period).ToString()
            : "none";

    private static string Dollars(JsonNode? usd) =>
        usd is null ? "?" : $"${usd.GetValue<decimal>().ToString("0.00####", CultureInfo.InvariantCulture)}";
}
