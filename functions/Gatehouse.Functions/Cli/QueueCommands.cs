using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary>
/// <c>gatehouse queues poison|replay --queue NAME [--id ID]</c>: what a worker queue's poison queue holds (ids, times,
/// sizes; never content) and moving it back to the queue once the cause is fixed. Admins only.
/// </summary>
internal static class QueueCommands
{
    public static Task<int> RunAsync(CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        var verb = args.Positional.ElementAtOrDefault(1);
        var unknown = verb switch
        {
            "poison" => args.FirstUnknown("--queue"),
            "replay" => args.FirstUnknown("--queue", "--id"),
            _ => null,
        };
        if (unknown is not null)
        {
            return console.UsageErrorAsync($"{unknown} is not an option of 'queues {verb}'.");
        }

        var queue = args.Option("--queue");
        return (verb, queue) switch
        {
            ("poison" or "replay", null) => console.UsageErrorAsync($"queues {verb} needs --queue NAME (audit-events, usage-events or alerts)."),
            ("poison", { } name) => ListAsync(name, client, console, cancellationToken),
            ("replay", { } name) => ReplayAsync(name, args.Option("--id"), client, console, cancellationToken),
            _ => console.UsageErrorAsync("queues: expected poison or replay."),
        };
    }

    private static string PathOf(string queue) => $"admin/queues/{Uri.EscapeDataString(queue)}/poison";

    private static async Task<int> ListAsync(string queue, AdminApiClient client, CliConsole console, CancellationToken cancellationToken) =>
        await console.ShowAsync(await client.GetAsync(PathOf(queue), cancellationToken), async list =>
        {
            var shown = list?["data"]?.AsArray().Count ?? 0;
            await console.Output.WriteLineAsync($"{list?["queue"]}: about {list?["approximate_count"]} message(s){(shown > 0 ? $", the first {shown} listed" : "")}.");
            if (shown > 0)
            {
                await console.PrintTableAsync(list, "id", "inserted_at", "dequeue_count", "size_bytes");
            }
        });

    private static async Task<int> ReplayAsync(string queue, string? id, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        var body = id is null ? new JsonObject() : new JsonObject { ["message_id"] = id };
        return await console.ShowAsync(await client.PostAsync($"{PathOf(queue)}/replay", body, cancellationToken),
            replay => console.Output.WriteLineAsync($"Replayed {replay?["replayed"]} message(s) from {queue}-poison to {queue}."));
    }
}
