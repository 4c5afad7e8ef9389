using System.Security.Cryptography;
using System.Text;

namespace Gatehouse.Limits;

/// <summary>
/// The counter partitions a request counts against, shared by rate limits and budgets: <c>key:{id}</c>,
/// <c>tenant:{id}</c>, and <c>user:{key id or tenant:id}:{hash}</c> for an end user.
/// </summary>
public static class ScopeIds
{
    public static string Key(string keyId) => $"key:{keyId}";

    public static string Tenant(string tenant) => $"tenant:{tenant}";

    /// <summary>The end user's id is the app's text: hashed, so any value makes a valid, bounded partition key.</summary>
    public static string EndUser(string keyId, string tenant, string endUser, EndUserScope within)
    {
        var owner = within == EndUserScope.Tenant ? Tenant(tenant) : keyId;
        return $"user:{owner}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(endUser)))[..32]}";
    }
}
