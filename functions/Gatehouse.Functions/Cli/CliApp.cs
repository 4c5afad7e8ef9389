namespace Gatehouse.Cli;

/// <summary>
/// <c>./gatehouse</c>: <c>serve</c> runs the gateway; <c>eval</c> measures a detector on local files; the other commands
/// call a running gateway's admin API (<c>--url</c> or GATEHOUSE_URL, default http://127.0.0.1:7071; credential from
/// --admin-key, GATEHOUSE_ADMIN_TOKEN or GATEHOUSE_ADMIN_KEY, in that order).
/// </summary>
public static class CliApp
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    private const string Usage = """
        usage: gatehouse <command> [options]

          serve [--urls URL]                           run the gateway (default http://127.0.0.1:7071)

          tenants create --id ID --name NAME [LIMITS] [BUDGET]
                                                       create a tenant
          tenants list                                 list tenants
          tenants get ID                               show one tenant
          tenants update ID [--name NAME] [LIMITS]     rename a tenant or change its limits (limits: admins only)

          keys create --tenant ID --models A,B [--name NAME] [--owner WHO] [--expires TIME] [--meta K=V ...]
                      [LIMITS] [BUDGET]                create an app key; prints the secret once
                                                       (models: aliases or patterns, "gpt-4o*"; "*" = all)
          keys list [--tenant ID]                      list keys (never their secrets)
          keys get KEY_ID                              show one key
          keys update KEY_ID [--name NAME] [--models A,B] [--owner WHO] [--meta K=V ...]
                      [--expires TIME | --no-expiry] [LIMITS]
                                                       change a key (--meta replaces all metadata; limits
                                                       not given stay as they are)
          keys rotate KEY_ID [--grace DURATION]        new secret, printed once; the old one keeps working for
                                                       DURATION (3600, 90s, 30m, 1h, 7d; default 0 = stops now)
          keys revoke KEY_ID                           revoke a key (app or admin key) at once

          budgets set (--key KEY_ID | --tenant ID) --usd AMOUNT --period day|month
                                                       cap what a key or tenant spends per UTC day or month
                                                       (a tenant's budget: admins only)
          budgets get (--key KEY_ID | --tenant ID)     the budget that applies (its own or the configured
                                                       default), spent and remaining this period, and when
                                                       it resets; spend is as instances last reported it
          budgets clear (--key KEY_ID | --tenant ID)   remove its own budget; the configured default applies

          admin-keys create --role ROLE [--tenant ID] [--name NAME] [--owner WHO] [--expires TIME]
                                                       issue an admin credential; prints the secret once
                                                       (ROLE: admin, tenant-admin, viewer, developer;
                                                       tenant-admin needs --tenant)
          admin-keys list                              list admin keys (admins only)

          requests create --tenant ID --models A,B [--name NAME] [--justification TEXT] [--owner WHO]
                          [--expires TIME] [--meta K=V ...] [LIMITS]
                                                       ask for a key; prints the request id and the key's
                                                       secret once (it works after approval)
          requests list [--tenant ID] [--status pending|approved|rejected|expired]
                                                       list key requests
          requests get REQUEST_ID                      show one key request
          requests approve REQUEST_ID [--comment TEXT]
                                                       approve: the key starts working
          requests reject REQUEST_ID [--reason TEXT]   reject: the key is revoked

          audit body --tenant ID --day yyyy-MM-dd --request REQUEST_ID
                                                       a request's stored prompt and response, decrypted
                                                       (admins only; needs Gatehouse:Audit:Bodies:Mode
                                                       redacted or full when the request was made)
          audit verify --tenant ID --day YYYY-MM-DD
                                                       check one tenant's AuditLog for one UTC day: no record
                                                       edited, missing or reordered, and the chain ends at its
                                                       head; exit 0 intact, 1 tampered (each problem listed);
                                                       --tenant _anonymous: the events that have no tenant

          report spend --tenant ID [--days N] [--by day|key|model]
                                                       requests, errors, guardrail blocks, tokens, spend (USD)
                                                       and latency p50/p95 over the last N UTC days (default 7,
                                                       up to 93; today included), per day, key and model or
                                                       per day, key or model, with a total line

          queues poison --queue NAME                   list a worker queue's poison messages (id, inserted,
                                                       dequeue count, size; never content) (admins only;
                                                       NAME: audit-events, usage-events, alerts)
          queues replay --queue NAME [--id ID]         move its poison messages (or one) back to the queue,
                                                       after the cause is fixed (admins only)

          alerts list [--days N]                       alert records of the last N days (1-31, default 1),
                                                       newest first, with their webhook deliveries

          eval pii --data FILE [--json]                run the PII detector over a labelled JSON Lines file
                                                       (shared/data/pii_spans.jsonl's format; offsets in code
                                                       points) and print precision, recall and F1 per type and
                                                       overall, for overlap and exact matching, and type-agnostic
                                                       recall; local, needs no gateway. --json prints one line:
                                                       {"overall":{precision,recall,f1},"types":{TYPE:{precision,
                                                       recall,f1,support}}} with the overlap figures

        TIME is ISO 8601 (2027-01-01T00:00:00Z; no offset means UTC). --meta repeats: --meta team=search --meta env=prod.
        LIMITS are any of --rpm N --tpm N --rpd N --concurrency N (requests per minute, tokens per minute, requests per
        UTC day, requests in flight; 1-1000000000); N = none removes that limit, so the configured default applies.
        BUDGET is --budget-usd AMOUNT --budget-period day|month (US dollars per UTC day or month, up to 6 decimals).

        options for the admin commands:
          --url URL          gateway base URL (env GATEHOUSE_URL, default http://127.0.0.1:7071)
          --admin-key KEY    credential for the admin API; otherwise env GATEHOUSE_ADMIN_TOKEN (an issued admin
                             key or an Entra ID access token), then env GATEHOUSE_ADMIN_KEY (the bootstrap key;
                             ./gatehouse reads it from .local/dev.env when unset)
          --json             print the API's JSON instead of a table

        exit codes: 0 done, 1 the gateway refused or could not be reached (or, for audit verify, the chain is
        tampered), 2 wrong command line (or, for eval, an unreadable or malformed file).
        """;

    private static readonly HashSet<string> Commands = ["tenants", "keys", "budgets", "admin-keys", "requests", "audit", "report", "queues", "alerts", "eval", "help", "--help", "-h"];

    /// <summary>True when the arguments ask for an admin command rather than the server.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    /// <summary>The arguments left for the web host once a leading <c>serve</c> is removed.</summary>
    public static string[] ServeArguments(string[] args) => args.Length > 0 && args[0] == "serve" ? args[1..] : args;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parsed = CliArguments.Parse(args, out var parseError);
        if (parseError is not null || args.Length == 0 || parsed.Help || args[0] is "help" or "--help" or "-h")
        {
            await (parseError is null ? output : error).WriteLineAsync(parseError is null ? Usage : $"{parseError}\n\n{Usage}");
            return parseError is null ? 0 : 2;
        }

        if (parsed.Positional.ElementAtOrDefault(0) == "eval")
        {
            return await EvalCommands.RunAsync(parsed, output, error, cancellationToken); // local: no gateway, no credential
        }

        var url = parsed.Option("--url") ?? Environment.GetEnvironmentVariable("GATEHOUSE_URL") ?? DefaultUrl;

        // A token set for this shell beats the bootstrap key that ./gatehouse fills in from .local/dev.env.
        string?[] credentials = [parsed.Option("--admin-key"), Environment.GetEnvironmentVariable("GATEHOUSE_ADMIN_TOKEN"), Environment.GetEnvironmentVariable("GATEHOUSE_ADMIN_KEY")];
        var credential = credentials.FirstOrDefault(c => !string.IsNullOrEmpty(c));
        if (credential is null)
        {
            await error.WriteLineAsync("No admin credential: set GATEHOUSE_ADMIN_TOKEN or GATEHOUSE_ADMIN_KEY, or pass --admin-key.");
            return 2;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl))
        {
            await error.WriteLineAsync($"--url '{url}' is not an absolute URL.");
            return 2;
        }

        using var client = new AdminApiClient(baseUrl, credential);
        var console = new CliConsole(output, error, parsed.Json, parsed.Positional.ElementAtOrDefault(0));
        try
        {
            return parsed.Positional.ElementAtOrDefault(0) switch
            {
                "tenants" => await TenantCommands.RunAsync(parsed, client, console, cancellationToken),
                "keys" => await KeyCommands.RunAsync(parsed, client, console, cancellationToken),
                "budgets" => await BudgetCommands.RunAsync(parsed, client, console, cancellationToken),
                "admin-keys" => await AdminKeyCommands.RunAsync(parsed, client, console, cancellationToken),
                "requests" => await KeyRequestCommands.RunAsync(parsed, client, console, cancellationToken),
                "audit" => await AuditCommands.RunAsync(parsed, client, console, cancellationToken),
                "report" => await ReportCommands.RunAsync(parsed, client, console, cancellationToken),
                "queues" => await QueueCommands.RunAsync(parsed, client, console, cancellationToken),
                "alerts" => await AlertCommands.RunAsync(parsed, client, console, cancellationToken),
                var other => await console.UsageErrorAsync($"unknown command '{other}'."),
            };
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"Cannot reach the gateway at {baseUrl}: {e.Message}. Is it running (./run.sh or ./gatehouse serve)?");
            return 1;
        }
    }

    internal static string UsageText => Usage;

    /// <summary>The block of the usage text for one command group (e.g. <c>keys</c>), or null for an unknown one.</summary>
    internal static string? UsageOf(string command) =>
        Usage.Split("\n\n").FirstOrDefault(block => block.TrimStart().StartsWith($"{command} ", StringComparison.Ordinal));
}
