using System.Security.Cryptography;
using System.Text;
using Gatehouse.Audit;
using Gatehouse.Audit.Bodies;
using Microsoft.Extensions.Options;

namespace Gatehouse.Tests.Audit.Bodies;

public sealed class AuditBodyCipherTests
{
    private static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("""{"prompt":{"messages":[]},"response":null,"truncated":false}""");

    [Fact]
    public void Decrypt_WhatWasEncrypted_ReturnsThePlaintext()
    {
        var cipher = Cipher("a", ("a", KeyA));

        var body = cipher.Encrypt(Plaintext, "req-1", AuditBodyMode.Full);

        Assert.Equal("a", body.KeyId);
        Assert.Equal(AuditBodyModes.Full, body.Mode);
        Assert.Equal(12, Convert.FromBase64String(body.Nonce).Length);
        Assert.Equal(16, Convert.FromBase64String(body.Tag).Length);
        Assert.DoesNotContain("prompt", Encoding.UTF8.GetString(Convert.FromBase64String(body.Ciphertext)), StringComparison.Ordinal);
        Assert.Equal(Plaintext, cipher.Decrypt(body, "req-1"));
    }

    [Fact]
    public void Encrypt_SamePlaintextTwice_UsesFreshNonces()
    {
        var cipher = Cipher("a", ("a", KeyA));

        var first = cipher.Encrypt(Plaintext, "req-1", AuditBodyMode.Full);
        var second = cipher.Encrypt(Plaintext, "req-1", AuditBodyMode.Full);

        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
    }

    [Fact]
    public void Decrypt_AlteredCiphertext_Throws() =>
        AssertTampered(body => body with { Ciphertext = Flip(body.Ciphertext) }, "req-1");

    [Fact]
    public void Decrypt_AlteredTag_Throws() =>
        AssertTampered(body => body with { Tag = Flip(body.Tag) }, "req-1");

    [Fact]
    public void Decrypt_BodyMovedToAnotherRecord_Throws() =>
        AssertTampered(body => body, "req-2");

    [Fact]
    public void Decrypt_ModeRelabelled_Throws() =>
        AssertTampered(body => body with { Mode = AuditBodyModes.Redacted }, "req-1");

    [Fact]
    public void Decrypt_AfterActiveKeyRotated_OldRecordStillDecrypts()
    {
        var old = Cipher("a", ("a", KeyA)).Encrypt(Plaintext, "req-1", AuditBodyMode.Redacted);

        var rotated = Cipher("b", ("a", KeyA), ("b", KeyB));
        var fresh = rotated.Encrypt(Plaintext, "req-2", AuditBodyMode.Redacted);

        Assert.Equal("b", fresh.KeyId);
        Assert.Equal(Plaintext, rotated.Decrypt(old, "req-1"));
        Assert.Equal(Plaintext, rotated.Decrypt(fresh, "req-2"));
    }

    [Fact]
    public void Decrypt_UnknownKeyId_ThrowsNamingTheKey()
    {
        var body = Cipher("a", ("a", KeyA)).Encrypt(Plaintext, "req-1", AuditBodyMode.Full);

        var error = Assert.Throws<AuditBodyException>(() => Cipher("b", ("b", KeyB)).Decrypt(body, "req-1"));

        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_SameIdNowADifferentKey_Throws()
    {
        var body = Cipher("a", ("a", KeyA)).Encrypt(Plaintext, "req-1", AuditBodyMode.Full);

        Assert.Throws<AuditBodyException>(() => Cipher("a", ("a", KeyB)).Decrypt(body, "req-1"));
    }

    [Fact]
    public void Encrypt_NoActiveKey_Throws() =>
        Assert.Throws<AuditBodyException>(() => Cipher(null, ("a", KeyA)).Encrypt(Plaintext, "req-1", AuditBodyMode.Full));

    private static void AssertTampered(Func<AuditBody, AuditBody> tamper, string requestId)
    {
        var cipher = Cipher("a", ("a", KeyA));
        var body = tamper(cipher.Encrypt(Plaintext, "req-1", AuditBodyMode.Full));

        var error = Assert.Throws<AuditBodyException>(() => cipher.Decrypt(body, requestId));

        Assert.Contains("does not decrypt", error.Message, StringComparison.Ordinal);
    }

    private static string Flip(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[0] ^= 0x01;
        return Convert.ToBase64String(bytes);
    }

    internal static AuditBodyCipher Cipher(string? active, params (string Id, string Key)[] keys)
    {
        var options = new AuditBodyOptions { Mode = AuditBodyMode.Full, ActiveKeyId = active };
        foreach (var (id, key) in keys)
        {
            options.Keys[id] = key;
        }

        return new AuditBodyCipher(new AuditBodyKeyRing(Options.Create(options)));
    }
}
