namespace Gatehouse.Cli;

/// <summary>
/// <c>./gatehouse</c>: <c>serve</c> runs the gateway; the other commands call a running gateway's admin API
/// (<c>--url</c> or GATEHOUSE_URL, default http://127.0.0.1:7071; admin key from --admin-key or GATEHOUSE_ADMIN_KEY).
/// </summary>
public static class CliApp
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    private const string Usage = """
        usage: gatehouse <command> [options]

          serve [--urls URL]                           run the gateway (default http://127.0.0.1:7071)
          tenants create --id ID --name NAME           create a tenant
          tenants list                                 list tenants
          keys create --tenant ID --models A,B [--name NAME]
                                                       create a virtual key; prints the secret once ("*" = all models)
          keys list [--tenant ID]                      list keys (never their secrets)
          keys get KEY_ID                              show one key
          keys revoke KEY_ID                           revoke a key

        options for the admin commands:
          --url URL          gateway base URL (env GATEHOUSE_URL, default http://127.0.0.1:7071)
          --admin-key KEY    admin key (env GATEHOUSE_ADMIN_KEY)
          --json             print the API's JSON instead of a table
        """;

    private static readonly HashSet<string> Commands = ["tenants", "keys", "help", "--help", "-h"];

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

        var url = parsed.Option("--url") ?? Environment.GetEnvironmentVariable("GATEHOUSE_URL") ?? DefaultUrl;
        var adminKey = parsed.Option("--admin-key") ?? Environment.GetEnvironmentVariable("GATEHOUSE_ADMIN_KEY");
        if (string.IsNullOrEmpty(adminKey))
        {
            await error.WriteLineAsync("No admin key: set GATEHOUSE_ADMIN_KEY or pass --admin-key.");
            return 2;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl))
        {
            await error.WriteLineAsync($"--url '{url}' is not an absolute URL.");
            return 2;
        }

        using var client = new AdminApiClient(baseUrl, adminKey);
        var console = new CliConsole(output, error, parsed.Json);
        try
        {
            return parsed.Positional[0] switch
            {
                "tenants" => await TenantCommands.RunAsync(parsed, client, console, cancellationToken),
                "keys" => await KeyCommands.RunAsync(parsed, client, console, cancellationToken),
                _ => await console.UsageErrorAsync($"unknown command '{parsed.Positional[0]}'."),
            };
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"Cannot reach the gateway at {baseUrl}: {e.Message}. Is it running (./run.sh or ./gatehouse serve)?");
            return 1;
        }
    }

    internal static string UsageText => Usage;
}
