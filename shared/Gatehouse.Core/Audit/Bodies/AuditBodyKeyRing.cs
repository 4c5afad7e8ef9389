using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Gatehouse.Audit.Bodies;

/// <summary>
/// The body keys by id: those from config at once, those from Key Vault once <see cref="AuditBodyKeyLoader"/> has read
/// them at start. Old keys stay here for reading; new bodies use <see cref="ActiveKeyId"/>.
/// </summary>
public sealed class AuditBodyKeyRing
{
    private FrozenDictionary<string, byte[]> _keys;

    public AuditBodyKeyRing(IOptions<AuditBodyOptions> options)
    {
        var configured = options.Value;
        ActiveKeyId = configured.ActiveKeyId;
        _keys = configured.Keys
            .Where(k => AuditBodyKey.Problem(k.Value) is null) // the validator has already refused start on the others
            .ToFrozenDictionary(k => k.Key, k => AuditBodyKey.Decode(k.Value), StringComparer.Ordinal);
    }

    public string? ActiveKeyId { get; }

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    public bool TryGet(string keyId, out byte[] key) => _keys.TryGetValue(keyId, out key!);

    /// <summary>Adds keys read at start (Key Vault); an id already present is replaced.</summary>
    public void Add(IReadOnlyDictionary<string, byte[]> keys)
    {
        var merged = new Dictionary<string, byte[]>(_keys, StringComparer.Ordinal);
        foreach (var (id, key) in keys)
        {
            merged[id] = key;
        }

        Volatile.Write(ref _keys, merged.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
