using System.Globalization;
using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary>
/// A budget as the admin API's <c>budget</c> object: <c>--budget-usd --budget-period</c> on <c>keys create</c> and
/// <c>tenants create</c>, and the amount of <c>budgets set</c>. Only the shape is checked here (an amount is a
/// number); the API checks the range, the decimals and the period, so those rules live in one place.
/// </summary>
internal static class BudgetFieldOptions
{
    /// <summary>The options, for the commands' lists of what they accept.</summary>
    public static readonly string[] Names = ["--budget-usd", "--budget-period"];

    /// <summary>Adds <c>budget</c> to <paramref name="body"/> when the options are given; returns a usage error or null.</summary>
    public static string? AddTo(JsonObject body, CliArguments args)
    {
        var (usd, period) = (args.Option("--budget-usd"), args.Option("--budget-period"));
        return (usd, period) switch
        {
            (null, null) => null,
            ({ } amount, { } every) => Add(body, "--budget-usd", amount, every),
            _ => "give --budget-usd and --budget-period together (e.g. --budget-usd 50 --budget-period month).",
        };
    }

    /// <summary>Sets <c>budget</c> in <paramref name="body"/>; a usage error naming <paramref name="option"/> when the amount is not a number.</summary>
    public static string? Add(JsonObject body, string option, string usd, string period)
    {
        // "$50" is how people write it; the sign is kept so the API can say why a negative amount is refused.
        if (!decimal.TryParse(usd.StartsWith('$') ? usd[1..] : usd, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            return $"{option} '{usd}' is not an amount in US dollars (e.g. 50 or 12.5).";
        }

        body["budget"] = new JsonObject { ["usd"] = amount, ["period"] = period };
        return null;
    }
}
