namespace Gatehouse.Keys;

/// <summary>A gateway key as the rest of the app sees it. Holds no secret material.</summary>
public sealed record VirtualKey(
    string Id,
    string Tenant,
    string Name,
    IReadOnlyList<string> Models,
    KeyStatus Status,
    string Hint,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    public const string AllModels = "*";

    public bool IsActive => Status == KeyStatus.Active;

    public bool AllowsModel(string alias) => Models.Contains(AllModels) || Models.Contains(alias);
}
