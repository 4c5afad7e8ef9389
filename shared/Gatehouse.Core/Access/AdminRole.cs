namespace Gatehouse.Access;

/// <summary>What an operator may do on the admin API. A closed set, so an enum.</summary>
public enum AdminRole
{
    /// <summary>Everything, on every tenant.</summary>
    Admin,

    /// <summary>Its own tenant's keys and key requests.</summary>
    TenantAdmin,

    /// <summary>Reads only (one tenant, or all when unscoped).</summary>
    Viewer,

    /// <summary>Files key requests and reads the ones it filed; cannot approve them.</summary>
    Developer,
}
