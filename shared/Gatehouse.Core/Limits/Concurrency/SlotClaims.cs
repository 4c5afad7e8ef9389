using System.Text.Json;

namespace Gatehouse.Limits;

/// <summary>
/// The claims column of a <c>ConcurrencySlots</c> row: how many slots each instance holds, and until when. The store
/// reads it, changes it here, and writes it back under the row's ETag.
/// </summary>
internal sealed class SlotClaims
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, SlotClaim> _claims;

    private SlotClaims(Dictionary<string, SlotClaim> claims) => _claims = claims;

    public int Count => _claims.Count;

    public static SlotClaims Parse(string? json) => new(string.IsNullOrEmpty(json)
        ? new Dictionary<string, SlotClaim>(StringComparer.Ordinal)
        : JsonSerializer.Deserialize<Dictionary<string, SlotClaim>>(json, Json) ?? new Dictionary<string, SlotClaim>(StringComparer.Ordinal));

    public string ToJson() => JsonSerializer.Serialize(_claims, Json);

    public SlotClaim? Of(string instanceId) => _claims.GetValueOrDefault(instanceId);

    /// <summary>Forgets claims not renewed in time: their instances are gone (or cut off) and their slots are free.</summary>
    public void DropExpired(DateTimeOffset now)
    {
        foreach (var (instanceId, claim) in _claims) // removing while enumerating is allowed for Dictionary
        {
            if (claim.ExpiresAt <= now)
            {
                _claims.Remove(instanceId);
            }
        }
    }

    /// <summary>All slots claimed, by every instance.</summary>
    public long Total => _claims.Values.Sum(c => c.Slots);

    /// <summary>Sets an instance's claim; 0 slots removes it.</summary>
    public void Set(string instanceId, long slots, DateTimeOffset expiresAt)
    {
        if (slots > 0)
        {
            _claims[instanceId] = new SlotClaim(slots, expiresAt);
        }
        else
        {
            _claims.Remove(instanceId);
        }
    }
}

/// <summary>One instance's slots in one scope, valid until <see cref="ExpiresAt"/> unless renewed.</summary>
internal sealed record SlotClaim(long Slots, DateTimeOffset ExpiresAt);
