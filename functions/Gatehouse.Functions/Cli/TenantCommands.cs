using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary><c>gatehouse tenants create|list</c>.</summary>
internal static class TenantCommands
{
    public static async Task<int> RunAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        switch (args.Positional.ElementAtOrDefault(1))
        {
            case "create":
                var id = args.Option("--id") ?? args.Positional.ElementAtOrDefault(2);
                var name = args.Option("--name") ?? id;
                if (id is null)
                {
                    return await console.UsageErrorAsync("tenants create needs --id.");
                }

                var created = await client.PostAsync("admin/tenants", new JsonObject { ["id"] = id, ["name"] = name }, cancellationToken);
                if (!created.IsSuccess)
                {
                    return await console.FailedAsync(created);
                }

                await (console.Json ? console.PrintJsonAsync(created.Json) : console.Output.WriteLineAsync($"Created tenant {id}."));
                return 0;

            case "list":
                var list = await client.GetAsync("admin/tenants", cancellationToken);
                if (!list.IsSuccess)
                {
                    return await console.FailedAsync(list);
                }

                await (console.Json ? console.PrintJsonAsync(list.Json) : console.PrintTableAsync(list.Json, "id", "name", "created_at"));
                return 0;

            default:
                return await console.UsageErrorAsync("tenants: expected create or list.");
        }
    }
}
