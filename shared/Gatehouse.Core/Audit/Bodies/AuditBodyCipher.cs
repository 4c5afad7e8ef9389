using System.Security.Cryptography;
using System.Text;

namespace Gatehouse.Audit.Bodies;

/// <summary>
/// AES-256-GCM for stored bodies: a fresh random 12-byte nonce per body, a 16-byte tag, and as associated data the
/// request id and mode, so a body moved to another record, or relabelled, no longer decrypts. The key is named by id in
/// the record, so bodies written under an older key still decrypt while that key stays configured.
/// </summary>
public sealed class AuditBodyCipher(AuditBodyKeyRing keys)
{
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    public AuditBody Encrypt(ReadOnlySpan<byte> plaintext, string requestId, AuditBodyMode mode)
    {
        var keyId = keys.ActiveKeyId ?? throw new AuditBodyException("No active body key is configured (Gatehouse:Audit:Bodies:ActiveKeyId).");
        if (!keys.TryGet(keyId, out var key))
        {
            throw new AuditBodyException($"The active body key '{keyId}' is not loaded.");
        }

        var modeName = AuditBodyModes.Name(mode);
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagBytes];
        using (var aes = new AesGcm(key, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(requestId, modeName));
        }

        return new AuditBody
        {
            Mode = modeName,
            KeyId = keyId,
            Nonce = Convert.ToBase64String(nonce),
            Ciphertext = Convert.ToBase64String(ciphertext),
            Tag = Convert.ToBase64String(tag),
        };
    }

    /// <summary>The plaintext JSON; throws <see cref="AuditBodyException"/> when the key is unknown or the body was altered.</summary>
    public byte[] Decrypt(AuditBody body, string requestId)
    {
        if (!keys.TryGet(body.KeyId, out var key))
        {
            throw new AuditBodyException(
                $"The body was encrypted with key '{body.KeyId}', which is not configured (Gatehouse:Audit:Bodies:Keys or KeyVault:SecretNames); keep retired keys configured to read old records.");
        }

        var (nonce, ciphertext, tag) = (Bytes(body.Nonce, "nonce"), Bytes(body.Ciphertext, "ciphertext"), Bytes(body.Tag, "tag"));
        if (nonce.Length != NonceBytes || tag.Length != TagBytes)
        {
            throw new AuditBodyException("The stored body is malformed: wrong nonce or tag length.");
        }

        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(nonce, ciphertext, tag, plaintext, AssociatedData(requestId, body.Mode));
            return plaintext;
        }
        catch (CryptographicException e)
        {
            throw new AuditBodyException(
                $"The body does not decrypt with key '{body.KeyId}': it was altered, belongs to another record, or that key id now names a different key.", e);
        }
    }

    private static byte[] AssociatedData(string requestId, string mode) => Encoding.UTF8.GetBytes($"gatehouse-audit-body/v1\n{requestId}\n{mode}");

    private static byte[] Bytes(string base64, string field)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new AuditBodyException($"The stored body is malformed: its {field} is not base64.", e);
        }
    }
}
