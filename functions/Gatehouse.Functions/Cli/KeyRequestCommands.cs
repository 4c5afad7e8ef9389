using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary>
/// <c>gatehouse requests create|list|get|approve|reject</c>: the key approval workflow. The requester gets the
/// secret at once; it answers 401 until an admin of the tenant approves.
/// </summary>
internal static class KeyRequestCommands
{
    private static readonly string[] RecordFields = ["tenant", "name", "models", "limits", "status", "key_id", "requested_by", "justification", "expires_at", "decided_by", "comment"];

    public static Task<int> RunAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        var verb = args.Positional.ElementAtOrDefault(1);
        var path = args.Positional.ElementAtOrDefault(2) is { } id ? $"admin/key-requests/{Uri.EscapeDataString(id)}" : null;
        var unknown = verb switch
        {
            "create" => args.FirstUnknown([.. LimitFieldOptions.Names, "--tenant", "--models", "--name", "--justification", "--owner", "--meta", "--expires"]),
            "list" => args.FirstUnknown("--tenant", "--status"),
            "get" => args.FirstUnknown(),
            "approve" or "reject" => args.FirstUnknown("--comment", "--reason"),
            _ => null,
        };
        return (verb, path, unknown) switch
        {
            (_, _, not null) => console.UsageErrorAsync($"{unknown} is not an option of 'requests {verb}'."),
            ("create", _, _) => CreateAsync(args, client, console, cancellationToken),
            ("list", _, _) => ListAsync(args, client, console, cancellationToken),
            ("get" or "approve" or "reject", null, _) => console.UsageErrorAsync($"requests {verb} needs a REQUEST_ID."),
            ("get", { } request, _) => ShowAsync(client.GetAsync(request, cancellationToken), console),
            ("approve" or "reject", { } request, _) => DecideAsync($"{request}/{verb}", args, client, console, cancellationToken),
            _ => console.UsageErrorAsync("requests: expected create, list, get, approve or reject."),
        };
    }

    private static async Task<int> CreateAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.Option("--tenant") is not { } tenant || args.Option("--models") is null)
        {
            return await console.UsageErrorAsync("requests create needs --tenant and --models.");
        }

        var body = new JsonObject { ["tenant"] = tenant, ["name"] = "app" };
        if (args.Option("--justification") is { } justification)
        {
            body["justification"] = justification;
        }

        if ((KeyFieldOptions.AddTo(body, args) ?? LimitFieldOptions.AddTo(body, args)) is { } invalid)
        {
            return await console.UsageErrorAsync(invalid);
        }

        return await console.ShowAsync(await client.PostAsync("admin/key-requests", body, cancellationToken), async request =>
        {
            await console.Output.WriteLineAsync($"Filed key request {request?["id"]} for tenant {request?["tenant"]} (key {request?["key_id"]}, status {request?["status"]}).");
            await console.Output.WriteLineAsync($"An admin of the tenant approves it with: gatehouse requests approve {request?["id"]}  (undecided, it expires at {request?["expires_at"]}).");
            await console.PrintSecretAsync(request, caveat: "it works only once the request is approved");
        });
    }

    private static async Task<int> ListAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        if (args.Option("--tenant") is { } tenant)
        {
            filters.Add($"tenant={Uri.EscapeDataString(tenant)}");
        }

        if (args.Option("--status") is { } status)
        {
            filters.Add($"status={Uri.EscapeDataString(status)}");
        }

        var path = filters.Count == 0 ? "admin/key-requests" : $"admin/key-requests?{string.Join('&', filters)}";
        return await console.ShowAsync(await client.GetAsync(path, cancellationToken),
            list => console.PrintTableAsync(list, "id", "tenant", "name", "models", "status", "requested_by", "key_id", "expires_at"));
    }

    /// <summary>An optional note on the decision; --reason reads better on a rejection and is the same field.</summary>
    private static async Task<int> DecideAsync(string path, CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.Option("--reason") is not null && args.Option("--comment") is not null)
        {
            return await console.UsageErrorAsync("give --comment or --reason, not both.");
        }

        var comment = args.Option("--reason") ?? args.Option("--comment");
        var body = comment is null ? null : new JsonObject { ["comment"] = comment };
        return await ShowAsync(client.PostAsync(path, body, cancellationToken), console);
    }

    private static async Task<int> ShowAsync(Task<AdminApiResult> call, CliConsole console) =>
        await console.ShowAsync(await call, request => console.PrintRecordAsync(request, RecordFields));
}
