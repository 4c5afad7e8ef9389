namespace Gatehouse.Access.Entra;

/// <summary>
/// The verdict on one bearer token. <see cref="Principal"/> is set only when <see cref="Outcome"/> is
/// <see cref="EntraValidationOutcome.Valid"/>. <see cref="Reason"/> is for logs: it never contains the token.
/// </summary>
public sealed record EntraValidationResult(EntraValidationOutcome Outcome, AdminPrincipal? Principal, string Reason)
{
    public static EntraValidationResult Valid(AdminPrincipal principal) => new(EntraValidationOutcome.Valid, principal, "valid");

    public static EntraValidationResult Invalid(string reason) => new(EntraValidationOutcome.Invalid, null, reason);

    public static EntraValidationResult NoRoles(string principalId) =>
        new(EntraValidationOutcome.NoRoles, null, $"{principalId} holds no recognised Gatehouse app role");

    public static EntraValidationResult Unavailable(string reason) => new(EntraValidationOutcome.Unavailable, null, reason);
}
