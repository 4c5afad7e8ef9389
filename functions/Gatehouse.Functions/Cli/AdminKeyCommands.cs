using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary>
/// <c>gatehouse admin-keys create|list</c>: operator credentials with a role (admins only). They rotate and revoke
/// with <c>keys rotate|revoke</c>; the CLI uses one through <c>GATEHOUSE_ADMIN_TOKEN</c>.
/// </summary>
internal static class AdminKeyCommands
{
    public static Task<int> RunAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        var verb = args.Positional.ElementAtOrDefault(1);
        var unknown = verb switch
        {
            "create" => args.FirstUnknown("--role", "--tenant", "--name", "--owner", "--expires"),
            "list" => args.FirstUnknown(),
            _ => null,
        };
        return (verb, unknown) switch
        {
            (_, not null) => console.UsageErrorAsync($"{unknown} is not an option of 'admin-keys {verb}'."),
            ("create", _) => CreateAsync(args, client, console, cancellationToken),
            ("list", _) => ListAsync(client, console, cancellationToken),
            _ => console.UsageErrorAsync("admin-keys: expected create or list."),
        };
    }

    private static async Task<int> CreateAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.Option("--role") is not { } role)
        {
            return await console.UsageErrorAsync("admin-keys create needs --role (admin, tenant-admin, viewer or developer).");
        }

        var body = new JsonObject { ["role"] = role, ["name"] = role };
        if (args.Option("--tenant") is { } tenant)
        {
            body["tenant"] = tenant;
        }

        if (KeyFieldOptions.AddTo(body, args) is { } invalid)
        {
            return await console.UsageErrorAsync(invalid);
        }

        return await console.ShowAsync(await client.PostAsync("admin/admin-keys", body, cancellationToken), async key =>
        {
            var scope = key?["tenant"] is { } scoped ? $"tenant {scoped}" : "all tenants";
            await console.Output.WriteLineAsync($"Created admin key {key?["id"]} (role {key?["role"]}, {scope}).");
            await console.PrintSecretAsync(key, caveat: "use it as GATEHOUSE_ADMIN_TOKEN");
        });
    }

    private static async Task<int> ListAsync(AdminApiClient client, CliConsole console, CancellationToken cancellationToken) =>
        await console.ShowAsync(await client.GetAsync("admin/admin-keys", cancellationToken),
            list => console.PrintTableAsync(list, "id", "name", "role", "tenant", "status", "owner", "expires_at", "hint"));
}
