using System.Security.Cryptography;
using Gatehouse.Audit.Bodies;

namespace Gatehouse.Tests.Audit.Bodies;

public sealed class AuditBodyOptionsValidatorTests
{
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Validate_Defaults_Succeeds() =>
        Assert.True(new AuditBodyOptionsValidator().Validate(null, new AuditBodyOptions()).Succeeded);

    [Fact]
    public void Validate_FullWithActiveKey_Succeeds() =>
        Assert.True(Validate(AuditBodyMode.Full, "k1", ("k1", Key)).Succeeded);

    [Theory]
    [InlineData(AuditBodyMode.Full)]
    [InlineData(AuditBodyMode.Redacted)]
    public void Validate_StoringWithoutActiveKey_FailsClosed(AuditBodyMode mode)
    {
        var result = Validate(mode, null, ("k1", Key));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Failures!, f => f.Contains("ActiveKeyId is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ActiveKeyNotConfigured_Fails()
    {
        var result = Validate(AuditBodyMode.Full, "k2", ("k1", Key));

        Assert.Contains(result.Failures!, f => f.Contains("'k2' is not one of", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_KeyNotBase64_NamesTheIdNotTheValue()
    {
        const string value = "not*base64*at*all!";
        var result = Validate(AuditBodyMode.Full, "k1", ("k1", value));

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("Keys:k1 is not valid base64", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(value, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyOfWrongLength_NamesTheIdAndTheLength()
    {
        var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var result = Validate(AuditBodyMode.Off, null, ("old", value));

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("Keys:old decodes to 16 bytes", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(value, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyVaultKeyWithoutVaultUri_Fails()
    {
        var options = new AuditBodyOptions { Mode = AuditBodyMode.Full, ActiveKeyId = "kv1" };
        options.KeyVault.SecretNames["kv1"] = "audit-body-key-1";

        var result = new AuditBodyOptionsValidator().Validate(null, options);

        Assert.Equal(["Gatehouse:Audit:Bodies:KeyVault:VaultUri is required when Gatehouse:Audit:Bodies:KeyVault:SecretNames is set."], result.Failures);
    }

    [Fact]
    public void Validate_KeyVaultActiveKeyOverHttps_Succeeds()
    {
        var options = new AuditBodyOptions { Mode = AuditBodyMode.Redacted, ActiveKeyId = "kv1" };
        options.KeyVault.VaultUri = "https://my-vault.vault.azure.net/";
        options.KeyVault.SecretNames["kv1"] = "audit-body-key-1";

        Assert.True(new AuditBodyOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_PlainHttpVault_Fails()
    {
        var options = new AuditBodyOptions();
        options.KeyVault.VaultUri = "http://my-vault.vault.azure.net/";
        options.KeyVault.SecretNames["kv1"] = "audit-body-key-1";

        Assert.Contains(new AuditBodyOptionsValidator().Validate(null, options).Failures!, f => f.Contains("VaultUri plain http", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MaxBytesOutOfRange_Fails() =>
        Assert.False(new AuditBodyOptionsValidator().Validate(null, new AuditBodyOptions { MaxBytes = 10 }).Succeeded);

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(AuditBodyMode mode, string? active, params (string Id, string Key)[] keys)
    {
        var options = new AuditBodyOptions { Mode = mode, ActiveKeyId = active };
        foreach (var (id, key) in keys)
        {
            options.Keys[id] = key;
        }

        return new AuditBodyOptionsValidator().Validate(null, options);
    }
}
