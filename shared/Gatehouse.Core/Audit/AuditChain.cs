using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Gatehouse.Configuration;
using Microsoft.Extensions.Options;

namespace Gatehouse.Audit;

/// <summary>
/// The hash chain of one <c>AuditLog</c> partition: each record's <c>Hash</c> = HMAC-SHA256(chain key, previous
/// record's hash ‖ the record's canonical bytes). The key is derived from <c>Gatehouse:Keys:Pepper</c>, so write access
/// to the table alone cannot rebuild a chain that verifies.
/// </summary>
public sealed class AuditChain
{
    /// <summary>The previous hash of a partition's first record (Seq 1).</summary>
    public static readonly string Genesis = new('0', 64);

    private const string Domain = "gatehouse-audit-chain-v1";

    /// <summary>Columns outside the canonical bytes: the chain's own columns, the service's, and the body text (its SHA-256 is hashed instead).</summary>
    private static readonly HashSet<string> Unhashed = new(StringComparer.Ordinal) { "Timestamp", "Hash", "PrevHash", "Body" };

    private readonly byte[] _key;

    public AuditChain(IOptions<GatehouseOptions> options)
    {
        _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Keys.Pepper), Encoding.UTF8.GetBytes(Domain));
    }

    /// <summary>Lowercase hex of HMAC-SHA256(key, prevHash ‖ canonical bytes of <paramref name="row"/>).</summary>
    public string Link(string prevHash, TableEntity row)
    {
        using var bytes = new MemoryStream();
        Write(bytes, prevHash);
        bytes.Write(Canonical(row));
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, bytes.ToArray()));
    }

    /// <summary>Constant-time comparison of two hex hashes.</summary>
    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    /// <summary>
    /// Every stored column but <see cref="Unhashed"/>, sorted by name: name, a type tag and the value, each
    /// length-prefixed, so no two different rows share bytes. A column added, removed or retyped changes them too.
    /// Numbers are tagged alike (a whole double may read back as an integer from some stores).
    /// </summary>
    public static byte[] Canonical(TableEntity row)
    {
        using var bytes = new MemoryStream();
        Write(bytes, Domain);
        foreach (var name in row.Keys.Where(k => !Unhashed.Contains(k) && !k.StartsWith("odata.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var (tag, text) = Value(row[name]);
            Write(bytes, name);
            bytes.WriteByte(tag);
            Write(bytes, text);
        }

        return bytes.ToArray();
    }

    private static (byte Tag, string Text) Value(object? value) => value switch
    {
        null => ((byte)'0', ""),
        string s => ((byte)'s', s),
        bool b => ((byte)'b', b ? "true" : "false"),
        int i => ((byte)'n', i.ToString(CultureInfo.InvariantCulture)),
        long l => ((byte)'n', l.ToString(CultureInfo.InvariantCulture)),
        double d when double.IsInteger(d) && Math.Abs(d) < 9e15 => ((byte)'n', ((long)d).ToString(CultureInfo.InvariantCulture)),
        double d => ((byte)'n', d.ToString("R", CultureInfo.InvariantCulture)),
        DateTimeOffset t => ((byte)'t', t.UtcTicks.ToString(CultureInfo.InvariantCulture)),
        DateTime t => ((byte)'t', t.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture)),
        Guid g => ((byte)'g', g.ToString("D")),
        byte[] data => ((byte)'x', Convert.ToBase64String(data)),
        BinaryData data => ((byte)'x', Convert.ToBase64String(data.ToArray())),
        _ => ((byte)'?', Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static void Write(MemoryStream bytes, string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, utf8.Length);
        bytes.Write(length);
        bytes.Write(utf8);
    }
}
