using System.Globalization;
using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary>
/// <c>gatehouse audit &lt;sub&gt;</c>. <c>verify --tenant ID --day YYYY-MM-DD</c> re-checks that tenant-day's hash chain
/// through <c>GET /admin/audit/verify</c>: exit 0 intact, 1 tampered (or the gateway refused or is unreachable),
/// 2 a wrong command line.
/// </summary>
internal static class AuditCommands
{
    public static Task<int> RunAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken) =>
        args.Positional.ElementAtOrDefault(1) switch
        {
            "verify" => VerifyAsync(args, client, console, cancellationToken),
            "body" => AuditBodyCommands.RunAsync(args, client, console, cancellationToken),
            _ => console.UsageErrorAsync("audit: expected verify or body."),
        };

    private static async Task<int> VerifyAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.FirstUnknown("--tenant", "--day") is { } unknown)
        {
            return await console.UsageErrorAsync($"{unknown} is not an option of 'audit verify'.");
        }

        if (args.Option("--tenant") is not { Length: > 0 } tenant || args.Option("--day") is not { } day)
        {
            return await console.UsageErrorAsync("audit verify needs --tenant ID and --day YYYY-MM-DD.");
        }

        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return await console.UsageErrorAsync($"--day '{day}' is not a day: use YYYY-MM-DD (UTC).");
        }

        var result = await client.GetAsync($"admin/audit/verify?tenant={Uri.EscapeDataString(tenant)}&day={day}", cancellationToken);
        if (!result.IsSuccess)
        {
            return await console.FailedAsync(result);
        }

        var report = result.Json;
        var ok = report?["ok"]?.GetValue<bool>() == true;
        await (console.Json ? console.PrintJsonAsync(report) : PrintAsync(console.Output, tenant, day, report, ok));
        return ok ? 0 : 1;
    }

    private static async Task PrintAsync(TextWriter output, string tenant, string day, JsonNode? report, bool ok)
    {
        await output.WriteLineAsync($"Audit log of {tenant} on {day}: {report?["records"]} records checked, head seq {report?["head_seq"]}");
        await output.WriteLineAsync($"head hash {report?["head_hash"]?.ToString() ?? "(none)"}");
        var problems = report?["problems"]?.AsArray() ?? [];
        if (ok)
        {
            await output.WriteLineAsync("OK: every record is intact, in order, and the chain ends at the head.");
            return;
        }

        await output.WriteLineAsync($"TAMPERED: {problems.Count} problem(s)");
        foreach (var problem in problems)
        {
            var seq = problem?["seq"] is { } s ? $"seq {s}" : "-";
            await output.WriteLineAsync($"  {problem?["kind"],-18} {seq,-10} {problem?["request_id"]?.ToString() ?? "-",-40} {problem?["detail"]}");
        }
    }
}
