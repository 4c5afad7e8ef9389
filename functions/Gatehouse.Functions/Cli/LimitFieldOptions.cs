using System.Globalization;
using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary>
/// <c>--rpm --tpm --rpd --concurrency</c> as the admin API's <c>limits</c> object, for keys, key requests and tenants.
/// A value is a whole number, or <c>none</c> to remove that limit so the configured default applies again. Only the
/// shape is checked here; the API checks the range, so that rule lives in one place.
/// </summary>
internal static class LimitFieldOptions
{
    /// <summary>The options, for the commands' lists of what they accept.</summary>
    public static readonly string[] Names = ["--rpm", "--tpm", "--rpd", "--concurrency"];

    /// <summary>Adds <c>limits</c> to <paramref name="body"/> when any of the options is given; returns a usage error or null.</summary>
    public static string? AddTo(JsonObject body, CliArguments args)
    {
        var limits = new JsonObject();
        foreach (var name in Names)
        {
            if (args.Option(name) is not { } value)
            {
                continue;
            }

            if (value == "none")
            {
                // An explicit null is how the API is told to remove one limit.
                limits[name[2..]] = null;
            }
            else if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                limits[name[2..]] = number;
            }
            else
            {
                return $"{name} '{value}' is not a whole number (or 'none' to remove the limit).";
            }
        }

        if (limits.Count > 0)
        {
            body["limits"] = limits;
        }

        return null;
    }
}
