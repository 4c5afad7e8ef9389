using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary>
/// <c>gatehouse audit body --tenant ID --day yyyy-MM-dd --request REQUEST_ID</c>: a request's stored prompt and
/// response, decrypted by the gateway (<c>GET /admin/audit/{tenant}/{day}/{request}/body</c>; admins only, and the read
/// is itself audited).
/// </summary>
internal static class AuditBodyCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.FirstUnknown("--tenant", "--day", "--request") is { } unknown)
        {
            return await console.UsageErrorAsync($"{unknown} is not an option of 'audit body'.");
        }

        if (args.Option("--tenant") is not { } tenant || args.Option("--day") is not { } day || args.Option("--request") is not { } request)
        {
            return await console.UsageErrorAsync("audit body needs --tenant ID, --day yyyy-MM-dd and --request REQUEST_ID.");
        }

        var path = $"admin/audit/{Uri.EscapeDataString(tenant)}/{Uri.EscapeDataString(day)}/{Uri.EscapeDataString(request)}/body";
        return await console.ShowAsync(await client.GetAsync(path, cancellationToken), body => PrintAsync(console.Output, body));
    }

    private static async Task PrintAsync(TextWriter output, JsonNode? body)
    {
        await output.WriteLineAsync(
            $"{body?["request_id"]}  mode={body?["mode"]}  key={body?["key_id"]}  truncated={body?["truncated"]?.ToJsonString() ?? "false"}");
        await output.WriteLineAsync("prompt:");
        await output.WriteLineAsync(body?["prompt"]?.ToJsonString(Indented) ?? "null");
        await output.WriteLineAsync("response:");
        await output.WriteLineAsync(body?["response"]?.ToJsonString(Indented) ?? "null");
    }
}
