using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary>
/// <c>gatehouse keys rotate KEY_ID [--grace 1h]</c>: a new secret, shown once, and when the old one stops. With a
/// grace period both work meanwhile, so clients can move over without an outage.
/// </summary>
internal static class KeyRotation
{
    public static async Task<int> RunAsync(string path, CliArguments args, AdminApiClient client, CliConsole console, CancellationToken cancellationToken)
    {
        JsonObject? body = null;
        if (args.Option("--grace") is { } grace)
        {
            if (!CliDuration.TryParseSeconds(grace, out var seconds))
            {
                return await console.UsageErrorAsync($"--grace '{grace}' is not a duration: use {CliDuration.Rule}.");
            }

            body = new JsonObject { ["grace_period_seconds"] = seconds };
        }

        return await console.ShowAsync(await client.PostAsync($"{path}/rotate", body, cancellationToken), async key =>
        {
            await console.Output.WriteLineAsync($"Rotated key {key?["id"]}.");
            await console.PrintSecretAsync(key, "New secret");
            await console.Output.WriteLineAsync(key?["previous_key_expires_at"] is { } until
                ? $"The previous secret keeps working until {until}."
                : "The previous secret has stopped working.");
        });
    }
}
