using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary><c>gatehouse tenants create|list|get|update</c>. Limits and a budget on a tenant bound all its keys together (admins only).</summary>
internal static class TenantCommands
{
    public static Task<int> RunAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        var verb = args.Positional.ElementAtOrDefault(1);
        var path = args.Positional.ElementAtOrDefault(2) is { } id ? $"admin/tenants/{Uri.EscapeDataString(id)}" : null;
        var unknown = verb switch
        {
            "create" => args.FirstUnknown([.. LimitFieldOptions.Names, .. BudgetFieldOptions.Names, "--id", "--name"]),
            "update" => args.FirstUnknown([.. LimitFieldOptions.Names, "--name"]),
            "list" or "get" => args.FirstUnknown(),
            _ => null,
        };
        return (verb, path, unknown) switch
        {
            (_, _, not null) => console.UsageErrorAsync($"{unknown} is not an option of 'tenants {verb}'."),
            ("create", _, _) => CreateAsync(args, client, console, cancellationToken),
            ("list", _, _) => ListAsync(client, console, cancellationToken),
            ("get" or "update", null, _) => console.UsageErrorAsync($"tenants {verb} needs a TENANT_ID."),
            ("get", { } tenant, _) => ShowAsync(client.GetAsync(tenant, cancellationToken), console),
            ("update", { } tenant, _) => UpdateAsync(tenant, args, client, console, cancellationToken),
            _ => console.UsageErrorAsync("tenants: expected create, list, get or update."),
        };
    }

    private static async Task<int> CreateAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        var id = args.Option("--id") ?? args.Positional.ElementAtOrDefault(2);
        if (id is null)
        {
            return await console.UsageErrorAsync("tenants create needs --id.");
        }

        var body = new JsonObject { ["id"] = id, ["name"] = args.Option("--name") ?? id };
        if ((LimitFieldOptions.AddTo(body, args) ?? BudgetFieldOptions.AddTo(body, args)) is { } invalid)
        {
            return await console.UsageErrorAsync(invalid);
        }

        return await console.ShowAsync(await client.PostAsync("admin/tenants", body, cancellationToken),
            _ => console.Output.WriteLineAsync($"Created tenant {id}."));
    }

    private static async Task<int> UpdateAsync(string path, CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        var body = new JsonObject();
        if (args.Option("--name") is { } name)
        {
            body["name"] = name;
        }

        if (LimitFieldOptions.AddTo(body, args) is { } invalid)
        {
            return await console.UsageErrorAsync(invalid);
        }

        if (body.Count == 0)
        {
            return await console.UsageErrorAsync("tenants update needs at least one of --name, --rpm, --tpm, --rpd or --concurrency.");
        }

        return await ShowAsync(client.PatchAsync(path, body, cancellationToken), console);
    }

    private static async Task<int> ListAsync(AdminApiClient client, CliConsole console, CancellationToken cancellationToken) =>
        await console.ShowAsync(await client.GetAsync("admin/tenants", cancellationToken),
            list => console.PrintTableAsync(list, "id", "name", "limits", "budget", "created_at"));

    private static async Task<int> ShowAsync(Task<AdminApiResult> call, CliConsole console) =>
        await console.ShowAsync(await call, tenant => console.PrintRecordAsync(tenant, "name", "limits", "budget", "created_at"));
}
