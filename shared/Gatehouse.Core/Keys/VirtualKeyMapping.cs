using System.Text.Json;
using Gatehouse.Access;
using Gatehouse.Guardrails.PolicyOverrides;
using Gatehouse.Limits;
using Gatehouse.Storage.Entities;

namespace Gatehouse.Keys;

/// <summary>Between the key row and <see cref="VirtualKey"/>; the one place that knows the column encodings.</summary>
internal static class VirtualKeyMapping
{
    public static VirtualKey ToKey(this VirtualKeyEntity e)
    {
        var hasRole = AdminRoleNames.TryParse(e.Role, out var role);
        var hasStatus = Enum.TryParse<KeyStatus>(e.Status, out var status) && status != KeyStatus.Expired;

        // An unreadable status or role must never read as usable: a damaged admin key must not become an app key.
        var readable = hasStatus && (hasRole || string.IsNullOrEmpty(e.Role));
        return new VirtualKey
        {
            Id = e.PartitionKey,
            Tenant = e.Tenant,
            Name = e.Name,
            Owner = e.Owner,
            Metadata = string.IsNullOrEmpty(e.Metadata) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(e.Metadata)!,
            Models = e.Models.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            Role = hasRole ? role : null,
            Limits = e.ReadLimits(),
            Budget = e.ReadBudget(),
            GuardrailOverride = GuardrailPolicyOverride.Parse(e.GuardrailPolicy),
            Status = readable ? status : KeyStatus.Revoked,
            Hint = e.Hint,
            CreatedAt = e.CreatedAt,
            CreatedBy = e.CreatedBy,
            ExpiresAt = e.ExpiresAt,
            RotatedAt = e.RotatedAt,
            RevokedAt = e.RevokedAt,
        };
    }

    /// <summary>Copies the fields an operator may change (name, owner, metadata, models, expiry, limits, budget, guardrail policy) onto the row.</summary>
    public static void ApplyEditable(this VirtualKeyEntity e, VirtualKey key)
    {
        e.Name = key.Name;
        e.Owner = key.Owner;
        e.Metadata = key.Metadata.Count == 0 ? null : JsonSerializer.Serialize(key.Metadata);
        e.Models = string.Join('\n', key.Models);
        e.ExpiresAt = key.ExpiresAt;
        e.WriteLimits(key.Limits);
        e.WriteBudget(key.Budget);
        e.GuardrailPolicy = key.GuardrailOverride?.Text;
    }
}
