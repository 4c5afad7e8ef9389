namespace Gatehouse.Configuration;

/// <summary><c>Gatehouse:Admin</c>: how operators authenticate to the admin API besides admin keys.</summary>
public sealed class AdminOptions
{
    /// <summary>Entra ID bearer tokens for the admin API; off unless <see cref="EntraOptions.TenantId"/> is set.</summary>
    public EntraOptions Entra { get; set; } = new();
}
