using System.Security.Cryptography;
using System.Text;
using Gatehouse.Configuration;
using Microsoft.Extensions.Options;

namespace Gatehouse.Keys;

/// <summary>
/// HMAC-SHA256 of a secret under the server-side pepper. Only this hash is stored; without the pepper a stolen
/// table cannot be used to test guesses offline.
/// </summary>
public sealed class KeyHasher(IOptions<GatehouseOptions> options)
{
    private readonly byte[] _pepper = Encoding.UTF8.GetBytes(options.Value.Keys.Pepper);

    /// <summary>Lowercase hex, usable as a table PartitionKey.</summary>
    public string Hash(string secret) => Convert.ToHexStringLower(HashBytes(secret));

    /// <summary>Constant-time comparison of a presented secret against an expected one (both hashed first).</summary>
    public bool Matches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(HashBytes(presented), HashBytes(expected));

    private byte[] HashBytes(string secret) => HMACSHA256.HashData(_pepper, Encoding.UTF8.GetBytes(secret));
}
