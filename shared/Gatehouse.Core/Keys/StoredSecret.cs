using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gatehouse.Keys;

/// <summary>
/// One secret hash a key accepts, and until when (null: until rotated). The key row holds the list, so rotation and
/// revocation are one conditional write of one row; <c>KeyLookup</c> rows only point from a hash to its key.
/// </summary>
internal sealed record StoredSecret([property: JsonPropertyName("h")] string Hash, [property: JsonPropertyName("x")] DateTimeOffset? ExpiresAt)
{
    public static IReadOnlyList<StoredSecret> Parse(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<StoredSecret>>(json) ?? [];

    public static string Serialize(IEnumerable<StoredSecret> secrets) => JsonSerializer.Serialize(secrets.ToList());
}
