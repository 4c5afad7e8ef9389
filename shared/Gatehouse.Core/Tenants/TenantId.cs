using System.Text.RegularExpressions;

namespace Gatehouse.Tenants;

/// <summary>Tenant ids are lowercase slugs: they become table keys and appear in URLs and audit partitions.</summary>
public static partial class TenantId
{
    public const string Rule = "2-63 characters: lowercase letters, digits and '-', starting with a letter or digit";

    public static bool IsValid(string candidate) => Pattern().IsMatch(candidate);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex Pattern();
}
