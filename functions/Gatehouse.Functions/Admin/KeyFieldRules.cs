using Gatehouse.Budgets;
using Gatehouse.Errors;
using Gatehouse.Keys;
using Gatehouse.Limits;
using Gatehouse.Routing;

namespace Gatehouse.Admin;

/// <summary>Checks on the fields a key is made of, shared by keys, admin keys and key requests (and tenants, for name, limits and budget).</summary>
internal static class KeyFieldRules
{
    public const int MaxNameLength = 200;
    public const int MaxModels = 256;
    public const int MaxMetadataEntries = 16;
    public const int MaxMetadataKeyLength = 64;
    public const int MaxMetadataValueLength = 256;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(3660);

    public static GatewayError? Text(string field, string? value, bool required, int maxLength = MaxNameLength) => value switch
    {
        null when required => GatewayErrors.MissingParameter(field),
        null => null,
        { Length: 0 } => GatewayErrors.InvalidValue(field, "must not be empty."),
        _ when value.Length > maxLength => GatewayErrors.InvalidValue(field, $"must be at most {maxLength} characters."),
        _ when value.Any(char.IsControl) => GatewayErrors.InvalidValue(field, "must not contain control characters."),
        _ => null,
    };

    /// <summary>Exact entries must be configured aliases (a typo would silently allow nothing); patterns may match future ones.</summary>
    public static GatewayError? Models(IReadOnlyList<string>? models, ModelCatalog catalog, bool required)
    {
        if (models is null)
        {
            return required ? GatewayErrors.MissingParameter("models") : null;
        }

        if (models.Count is 0 or > MaxModels)
        {
            return GatewayErrors.InvalidValue("models", $"give between 1 and {MaxModels} entries.");
        }

        foreach (var entry in models)
        {
            if (entry is null || !ModelPattern.IsWellFormed(entry))
            {
                return GatewayErrors.InvalidValue("models", $"'{entry}' is not an alias or pattern (letters, digits, '-._:/' and '*').");
            }

            if (!ModelPattern.IsPattern(entry) && !catalog.TryGetRoute(entry, out _))
            {
                return GatewayErrors.InvalidValue("models", $"'{entry}' is not a configured model alias (use a pattern such as \"gpt-4o*\", or \"*\" for all).");
            }
        }

        return null;
    }

    public static GatewayError? Metadata(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return null;
        }

        if (metadata.Count > MaxMetadataEntries)
        {
            return GatewayErrors.InvalidValue("metadata", $"at most {MaxMetadataEntries} entries.");
        }

        foreach (var (name, value) in metadata)
        {
            if (Text("metadata", name, required: true, MaxMetadataKeyLength) is not null || value is null
                || Text("metadata", value, required: false, MaxMetadataValueLength) is not null)
            {
                return GatewayErrors.InvalidValue("metadata", $"names are 1-{MaxMetadataKeyLength} characters and values strings of up to {MaxMetadataValueLength}.");
            }
        }

        return null;
    }

    public static GatewayError? ExpiresAt(DateTimeOffset? expiresAt, DateTimeOffset now) => expiresAt switch
    {
        null => null,
        _ when expiresAt <= now => GatewayErrors.InvalidValue("expires_at", "must be in the future."),
        _ when expiresAt > now + MaxLifetime => GatewayErrors.InvalidValue("expires_at", "must be within 10 years."),
        _ => null,
    };

    /// <summary>Each limit given is a whole number from 1 to <see cref="RateLimits.Max"/>; null means none of that kind.</summary>
    public static GatewayError? Limits(LimitsBody? limits) => limits is null
        ? null
        : LimitValue("rpm", limits.Rpm) ?? LimitValue("tpm", limits.Tpm) ?? LimitValue("rpd", limits.Rpd) ?? LimitValue("concurrency", limits.Concurrency);

    /// <summary>
    /// A budget given is a number of dollars above 0, at most <see cref="Budgets.Budget.MaxUsd"/>, with at most
    /// <see cref="BudgetBody.MaxDecimals"/> decimals, per <c>day</c> or <c>month</c>; null means none of its own.
    /// </summary>
    public static GatewayError? Budget(BudgetBody? budget) => budget switch
    {
        null => null,
        { Usd: null } => GatewayErrors.MissingParameter($"{BudgetBody.Field}.usd"),
        { Usd: { } usd } when !Budgets.Budget.IsValidAmount(usd) || decimal.Round(usd, BudgetBody.MaxDecimals) != usd =>
            GatewayErrors.InvalidValue($"{BudgetBody.Field}.usd",
                $"must be a number of US dollars above 0 and at most {Budgets.Budget.MaxUsd:0}, with at most {BudgetBody.MaxDecimals} decimals."),
        { Period: null } => GatewayErrors.MissingParameter($"{BudgetBody.Field}.period"),
        _ when !Budgets.Budget.TryParsePeriod(budget.Period, out _) => GatewayErrors.InvalidValue($"{BudgetBody.Field}.period", "must be \"day\" or \"month\" (UTC)."),
        _ => null,
    };

    /// <summary>The fields of a new app key other than its tenant (whose permission check differs by endpoint).</summary>
    public static GatewayError? NewKey(INewKeyBody body, ModelCatalog catalog, DateTimeOffset now) =>
        Text("name", body.Name, required: true)
        ?? Models(body.Models, catalog, required: true)
        ?? Text("owner", body.Owner, required: false)
        ?? Metadata(body.Metadata)
        ?? ExpiresAt(body.ExpiresAt, now)
        ?? Limits(body.Limits);

    /// <summary>The key to create from a body that passed <see cref="NewKey"/>.</summary>
    public static KeySpec Spec(INewKeyBody body, string createdBy, Budget? budget = null) =>
        new(body.Tenant!, body.Name!, Distinct(body.Models!), createdBy, body.Owner, body.Metadata, body.ExpiresAt, Limits: body.Limits?.ToLimits(), Budget: budget);

    public static IReadOnlyList<string> Distinct(IReadOnlyList<string> models) => [.. models.Distinct(StringComparer.Ordinal)];

    private static GatewayError? LimitValue(string kind, long? value) => value is null or (>= 1 and <= RateLimits.Max)
        ? null
        : GatewayErrors.InvalidValue($"{LimitsBody.Field}.{kind}", $"must be a whole number from 1 to {RateLimits.Max}, or null for no limit of this kind (the default applies).");
}
