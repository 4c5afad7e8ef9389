namespace Gatehouse.Admin;

// Request bodies of the admin API (snake_case on the wire). They are also what /admin/openapi.json describes, so
// parsing and documentation cannot drift apart. Fields are nullable so that a missing one gets a precise 400.

internal sealed record CreateTenantBody(string? Id, string? Name, LimitsBody? Limits, BudgetBody? Budget);

/// <summary>PATCH: at least one field; <c>limits</c> and <c>budget</c> as for keys, and only admins may set them.</summary>
internal sealed record UpdateTenantBody(string? Name, LimitsBody? Limits, BudgetBody? Budget);

/// <summary>
/// What a new app key is made of, whether created outright or asked for: one set of rules checks both. A budget is
/// set on the key itself (create or PATCH), not asked for in a key request.
/// </summary>
internal interface INewKeyBody
{
    string? Tenant { get; }

    string? Name { get; }

    IReadOnlyList<string>? Models { get; }

    string? Owner { get; }

    IReadOnlyDictionary<string, string>? Metadata { get; }

    DateTimeOffset? ExpiresAt { get; }

    LimitsBody? Limits { get; }
}

internal sealed record CreateKeyBody(
    string? Tenant,
    string? Name,
    IReadOnlyList<string>? Models,
    string? Owner,
    IReadOnlyDictionary<string, string>? Metadata,
    DateTimeOffset? ExpiresAt,
    LimitsBody? Limits,
    BudgetBody? Budget) : INewKeyBody;

/// <summary>
/// PATCH: absent fields stay; <c>"expires_at": null</c>, <c>"owner": null</c> and <c>"budget": null</c> clear. In
/// <c>limits</c> only the kinds given change (<see cref="LimitsBody.Patch"/>); a <c>budget</c> is replaced whole.
/// </summary>
internal sealed record UpdateKeyBody(
    string? Name,
    IReadOnlyList<string>? Models,
    string? Owner,
    IReadOnlyDictionary<string, string>? Metadata,
    DateTimeOffset? ExpiresAt,
    LimitsBody? Limits,
    BudgetBody? Budget);

internal sealed record RotateKeyBody(long? GracePeriodSeconds);

internal sealed record CreateAdminKeyBody(string? Name, string? Role, string? Tenant, string? Owner, DateTimeOffset? ExpiresAt);

internal sealed record CreateKeyRequestBody(
    string? Tenant,
    string? Name,
    IReadOnlyList<string>? Models,
    string? Justification,
    string? Owner,
    IReadOnlyDictionary<string, string>? Metadata,
    DateTimeOffset? ExpiresAt,
    LimitsBody? Limits) : INewKeyBody;

/// <summary>Approve: an optional note; reject: the reason.</summary>
internal sealed record DecideKeyRequestBody(string? Comment);
