using System.Security.Cryptography;
using Azure.Core;
using Gatehouse.Audit.Bodies;
using Gatehouse.TestDoubles.KeyVault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gatehouse.IntegrationTests.Audit;

/// <summary>Body keys read from Key Vault over its REST API at start, against the Key Vault double; failing closed when bodies are stored.</summary>
public sealed class KeyVaultKeyTests : IAsyncLifetime
{
    private const string Token = "vault-token-for-tests";
    private readonly ServiceProvider _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    private FakeKeyVaultServer _vault = null!;

    public async Task InitializeAsync() => _vault = await FakeKeyVaultServer.StartAsync(Token);

    public async Task DisposeAsync()
    {
        await _vault.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task ReadAsync_ExistingSecret_ReturnsItsValue()
    {
        _vault.SetSecret("audit-key-1", "the-value");

        Assert.Equal("the-value", await Reader(Token).ReadAsync(_vault.BaseUrl, "audit-key-1", TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.Equal([KeyVaultSecretReader.Scope], Credential.LastScopes);
    }

    [Fact]
    public async Task ReadAsync_UnknownSecret_ThrowsNamingSecretAndCode()
    {
        var error = await Assert.ThrowsAsync<AuditBodyException>(() => Reader(Token).ReadAsync(_vault.BaseUrl, "nope", TimeSpan.FromSeconds(10), CancellationToken.None));

        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
        Assert.Contains("SecretNotFound", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TokenRefused_Throws401()
    {
        _vault.SetSecret("audit-key-1", "the-value");

        var error = await Assert.ThrowsAsync<AuditBodyException>(() => Reader("wrong").ReadAsync(_vault.BaseUrl, "audit-key-1", TimeSpan.FromSeconds(10), CancellationToken.None));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_VaultHangs_GivesUpAtTheTimeout()
    {
        _vault.Hang = true;

        var error = await Assert.ThrowsAsync<AuditBodyException>(() => Reader(Token).ReadAsync(_vault.BaseUrl, "audit-key-1", TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loader_KeyInVault_IsAddedToTheRingAndEncrypts()
    {
        _vault.SetSecret("audit-key-1", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var options = Options(AuditBodyMode.Full, "audit-key-1");
        var ring = new AuditBodyKeyRing(options);

        await Loader(options, ring).StartAsync(CancellationToken.None);

        var cipher = new AuditBodyCipher(ring);
        var body = cipher.Encrypt("{}"u8, "req", AuditBodyMode.Full);
        Assert.Equal("kv1", body.KeyId);
        Assert.Equal("{}"u8.ToArray(), cipher.Decrypt(body, "req"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("dG9vIHNob3J0")]
    public async Task Loader_StoringAndKeyUnusable_FailsTheStart(string? value)
    {
        if (value is not null)
        {
            _vault.SetSecret("audit-key-1", value);
        }

        var options = Options(AuditBodyMode.Redacted, "audit-key-1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Loader(options, new AuditBodyKeyRing(options)).StartAsync(CancellationToken.None));

        Assert.Contains("'kv1'", error.Message, StringComparison.Ordinal);
        if (value is not null)
        {
            Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Loader_BodiesOffAndKeyMissing_StartsWithoutIt()
    {
        var options = Options(AuditBodyMode.Off, "audit-key-1");
        var ring = new AuditBodyKeyRing(options);

        await Loader(options, ring).StartAsync(CancellationToken.None);

        Assert.Empty(ring.KeyIds);
    }

    private KeyVaultSecretReader Reader(string token) =>
        new(_services.GetRequiredService<IHttpClientFactory>(), () => new Credential(token));

    private AuditBodyKeyLoader Loader(IOptions<AuditBodyOptions> options, AuditBodyKeyRing ring) =>
        new(options, Reader(Token), ring, NullLogger<AuditBodyKeyLoader>.Instance);

    private IOptions<AuditBodyOptions> Options(AuditBodyMode mode, string secretName)
    {
        var options = new AuditBodyOptions { Mode = mode, ActiveKeyId = "kv1" };
        options.KeyVault.VaultUri = _vault.BaseUrl.ToString();
        options.KeyVault.SecretNames["kv1"] = secretName;
        options.KeyVault.Timeout = TimeSpan.FromSeconds(10);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    private sealed class Credential(string token) : TokenCredential
    {
        public static string[] LastScopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The reader must not block on a token.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            LastScopes = requestContext.Scopes;
            return ValueTask.FromResult(new AccessToken(token, TimeProvider.System.GetUtcNow().AddHours(1)));
        }
    }
}
