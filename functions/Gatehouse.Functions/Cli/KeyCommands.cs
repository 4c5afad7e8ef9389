using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary><c>gatehouse keys create|list|get|revoke</c>.</summary>
internal static class KeyCommands
{
    public static async Task<int> RunAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        var verb = args.Positional.ElementAtOrDefault(1);
        var keyId = args.Positional.ElementAtOrDefault(2);
        var result = verb switch
        {
            "create" => await CreateAsync(args, client, cancellationToken),
            "list" => await client.GetAsync(args.Option("--tenant") is { } tenant ? $"admin/keys?tenant={Uri.EscapeDataString(tenant)}" : "admin/keys", cancellationToken),
            "get" when keyId is not null => await client.GetAsync($"admin/keys/{Uri.EscapeDataString(keyId)}", cancellationToken),
            "revoke" when keyId is not null => await client.PostAsync($"admin/keys/{Uri.EscapeDataString(keyId)}/revoke", null, cancellationToken),
            _ => null,
        };
        if (result is null)
        {
            return await console.UsageErrorAsync(verb is "get" or "revoke" ? $"keys {verb} needs a KEY_ID." : "keys: expected create, list, get or revoke (create needs --tenant and --models).");
        }

        if (!result.IsSuccess)
        {
            return await console.FailedAsync(result);
        }

        if (console.Json)
        {
            await console.PrintJsonAsync(result.Json);
        }
        else if (verb == "list")
        {
            await console.PrintTableAsync(result.Json, "id", "tenant", "name", "models", "status", "hint");
        }
        else if (verb == "create")
        {
            await console.Output.WriteLineAsync($"Created key {result.Json?["id"]} for tenant {result.Json?["tenant"]} (models: {Models(result.Json)}).");
            await console.Output.WriteLineAsync("Secret (shown once; store it now):");
            await console.Output.WriteLineAsync(result.Json?["key"]?.ToString());
        }
        else
        {
            await console.Output.WriteLineAsync($"{result.Json?["id"]}  tenant={result.Json?["tenant"]}  name={result.Json?["name"]}  status={result.Json?["status"]}  models={Models(result.Json)}");
        }

        return 0;
    }

    private static async Task<AdminApiResult?> CreateAsync(CliArguments args, AdminApiClient client, CancellationToken cancellationToken)
    {
        if (args.Option("--tenant") is not { } tenant || args.Option("--models") is not { } models)
        {
            return null;
        }

        var body = new JsonObject
        {
            ["tenant"] = tenant,
            ["name"] = args.Option("--name") ?? "app",
            ["models"] = new JsonArray([.. models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(m => (JsonNode)m)]),
        };
        return await client.PostAsync("admin/keys", body, cancellationToken);
    }

    private static string Models(JsonNode? key) => string.Join(",", key?["models"]?.AsArray().Select(m => m?.ToString()) ?? []);
}
