using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary>
/// <c>gatehouse keys create|list|get|update|rotate|revoke</c>. Rotate and revoke also work on admin keys, which share
/// the <c>/admin/keys/{id}</c> routes.
/// </summary>
internal static class KeyCommands
{
    /// <summary>The fields of the one-line view of a key.</summary>
    internal static readonly string[] RecordFields = ["tenant", "name", "role", "status", "models", "limits", "budget", "owner", "metadata", "expires_at"];

    public static Task<int> RunAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        var verb = args.Positional.ElementAtOrDefault(1);
        var path = args.Positional.ElementAtOrDefault(2) is { } id ? $"admin/keys/{Uri.EscapeDataString(id)}" : null;
        var unknown = verb switch
        {
            "create" => args.FirstUnknown([.. LimitFieldOptions.Names, .. BudgetFieldOptions.Names, "--tenant", "--models", "--name", "--owner", "--meta", "--expires"]),
            "list" => args.FirstUnknown("--tenant"),
            "update" => args.FirstUnknown([.. LimitFieldOptions.Names, "--name", "--models", "--owner", "--meta", "--expires", "--no-expiry"]),
            "rotate" => args.FirstUnknown("--grace"),
            "get" or "revoke" => args.FirstUnknown(),
            _ => null,
        };
        return (verb, path, unknown) switch
        {
            (_, _, not null) => console.UsageErrorAsync($"{unknown} is not an option of 'keys {verb}'."),
            ("create", _, _) => CreateAsync(args, client, console, cancellationToken),
            ("list", _, _) => ListAsync(args, client, console, cancellationToken),
            ("get" or "update" or "rotate" or "revoke", null, _) => console.UsageErrorAsync($"keys {verb} needs a KEY_ID."),
            ("get", { } key, _) => ShowKeyAsync(client.GetAsync(key, cancellationToken), console),
            ("update", { } key, _) => UpdateAsync(key, args, client, console, cancellationToken),
            ("rotate", { } key, _) => KeyRotation.RunAsync(key, args, client, console, cancellationToken),
            ("revoke", { } key, _) => ShowKeyAsync(client.PostAsync($"{key}/revoke", null, cancellationToken), console),
            _ => console.UsageErrorAsync("keys: expected create, list, get, update, rotate or revoke."),
        };
    }

    private static async Task<int> CreateAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.Option("--tenant") is not { } tenant || args.Option("--models") is null)
        {
            return await console.UsageErrorAsync("keys create needs --tenant and --models.");
        }

        var body = new JsonObject { ["tenant"] = tenant, ["name"] = "app" };
        if ((KeyFieldOptions.AddTo(body, args) ?? LimitFieldOptions.AddTo(body, args) ?? BudgetFieldOptions.AddTo(body, args)) is { } invalid)
        {
            return await console.UsageErrorAsync(invalid);
        }

        return await console.ShowAsync(await client.PostAsync("admin/keys", body, cancellationToken), async key =>
        {
            await console.Output.WriteLineAsync($"Created key {key?["id"]} for tenant {key?["tenant"]} (models: {Models(key)}).");
            if (key?["expires_at"] is { } expires)
            {
                await console.Output.WriteLineAsync($"It expires at {expires}.");
            }

            await console.PrintSecretAsync(key);
        });
    }

    private static async Task<int> ListAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        var path = args.Option("--tenant") is { } tenant ? $"admin/keys?tenant={Uri.EscapeDataString(tenant)}" : "admin/keys";
        return await console.ShowAsync(await client.GetAsync(path, cancellationToken),
            list => console.PrintTableAsync(list, "id", "tenant", "name", "models", "status", "owner", "expires_at", "hint"));
    }

    private static async Task<int> UpdateAsync(string path, CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        var body = new JsonObject();
        if ((KeyFieldOptions.AddTo(body, args) ?? LimitFieldOptions.AddTo(body, args)) is { } invalid)
        {
            return await console.UsageErrorAsync(invalid);
        }

        if (body.Count == 0)
        {
            return await console.UsageErrorAsync("keys update needs at least one of --name, --models, --owner, --meta, --expires, --no-expiry, --rpm, --tpm, --rpd or --concurrency.");
        }

        return await ShowKeyAsync(client.PatchAsync(path, body, cancellationToken), console);
    }

    private static async Task<int> ShowKeyAsync(Task<AdminApiResult> call, CliConsole console) =>
        await console.ShowAsync(await call, key => console.PrintRecordAsync(key, RecordFields));

    private static string Models(JsonNode? key) => string.Join(",", key?["models"]?.AsArray().Select(m => m?.ToString()) ?? []);
}
