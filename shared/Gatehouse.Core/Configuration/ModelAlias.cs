using System.Text.RegularExpressions;

namespace Gatehouse.Configuration;

/// <summary>What a model alias may look like (it is echoed in errors and stored in audit rows).</summary>
public static partial class ModelAlias
{
    public static bool IsValid(string alias) => AliasPattern().IsMatch(alias);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$")]
    private static partial Regex AliasPattern();
}
