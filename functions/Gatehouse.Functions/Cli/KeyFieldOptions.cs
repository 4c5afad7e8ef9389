using System.Globalization;
using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary>
/// The options that describe a key (<c>--name --models --owner --meta --expires --no-expiry</c>) as the admin API's
/// fields. Only what the API could not tell apart is checked here (a date's shape, <c>name=value</c>); the API checks
/// the rest, so its rules live in one place. Each command passes only the options it accepts.
/// </summary>
internal static class KeyFieldOptions
{
    // ISO 8601 only: a culture's "01/02/2027" could mean two different days. No offset means UTC.
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>Copies the options present in <paramref name="args"/> into <paramref name="body"/>; returns a usage error or null.</summary>
    public static string? AddTo(JsonObject body, CliArguments args)
    {
        if (args.Option("--name") is { } name)
        {
            body["name"] = name;
        }

        if (args.Option("--models") is { } models)
        {
            body["models"] = new JsonArray([.. models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(m => (JsonNode)m)]);
        }

        if (args.Option("--owner") is { } owner)
        {
            body["owner"] = owner;
        }

        if (args.Options("--meta") is { Count: > 0 } pairs)
        {
            var metadata = new JsonObject();
            foreach (var pair in pairs)
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    return $"--meta '{pair}' is not NAME=VALUE (e.g. --meta team=search).";
                }

                metadata[pair[..equals]] = pair[(equals + 1)..];
            }

            body["metadata"] = metadata;
        }

        return AddExpiry(body, args);
    }

    private static string? AddExpiry(JsonObject body, CliArguments args)
    {
        var expires = args.Option("--expires");
        if (expires is not null && args.Flag("--no-expiry"))
        {
            return "give --expires or --no-expiry, not both.";
        }

        if (args.Flag("--no-expiry"))
        {
            // An explicit null is how the API is told to clear the expiry.
            body["expires_at"] = null;
        }
        else if (expires is not null)
        {
            if (!DateTimeOffset.TryParseExact(expires, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return $"--expires '{expires}' is not a date and time: use ISO 8601, e.g. 2027-01-01T00:00:00Z.";
            }

            body["expires_at"] = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        }

        return null;
    }
}
