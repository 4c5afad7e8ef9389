using System.Buffers.Text;
using System.Diagnostics;
using System.Text;
using Gatehouse.Access;
using Gatehouse.Access.Entra;
using Gatehouse.Configuration;
using Gatehouse.TestDoubles.Entra;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.IntegrationTests.Access;

/// <summary>
/// The validator against a local Entra double on real sockets: tokens are minted by hand-written signing code, fetched
/// keys travel over HTTP, and the lifetime check runs on a fake clock. Every rejection asserts which check caught it,
/// so a test cannot pass because some other check happened to fail. No storage needed.
/// </summary>
public sealed class EntraTokenValidatorTests : IAsyncLifetime
{
    private const string Audience = "api://gatehouse-admin";
    private static readonly string[] AdminRoles = ["Gatehouse.Admin"];
    private static readonly IHttpClientFactory HttpClients =
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private FakeEntraServer _entra = null!;
    private EntraTokenValidator _validator = null!;

    public async Task InitializeAsync()
    {
        _entra = await FakeEntraServer.StartAsync(time: _time);
        _validator = CreateValidator();
    }

    public async Task DisposeAsync() => await _entra.DisposeAsync();

    [Fact]
    public async Task ValidateAsync_AdminToken_IsValidWithAdminGrantAndEntraId()
    {
        var oid = Guid.NewGuid().ToString();

        var result = await ValidateAsync(_entra.IssueToken(AdminRoles, Audience, oid));

        Assert.Equal(EntraValidationOutcome.Valid, result.Outcome);
        Assert.Equal($"entra:{oid}", result.Principal!.Id);
        Assert.Equal([new RoleGrant(AdminRole.Admin, null)], result.Principal.Grants);
    }

    [Fact]
    public async Task ValidateAsync_TenantAdminRole_GrantsTenantAdminOnThatTenantOnly()
    {
        var result = await ValidateAsync(_entra.IssueToken(["Gatehouse.TenantAdmin.acme"], Audience));

        Assert.Equal(EntraValidationOutcome.Valid, result.Outcome);
        Assert.Equal([new RoleGrant(AdminRole.TenantAdmin, "acme")], result.Principal!.Grants);
        Assert.True(result.Principal.CanManage("acme"));
        Assert.False(result.Principal.CanManage("globex"));
    }

    [Fact]
    public async Task ValidateAsync_InvalidTenantSuffix_IsIgnored()
    {
        var result = await ValidateAsync(_entra.IssueToken(["Gatehouse.TenantAdmin.Acme_Corp", "Gatehouse.Viewer.acme"], Audience));

        Assert.Equal(EntraValidationOutcome.Valid, result.Outcome);
        Assert.Equal([new RoleGrant(AdminRole.Viewer, "acme")], result.Principal!.Grants);
    }

    [Theory]
    [InlineData]
    [InlineData("Other.App.Role", "Gatehouse.TenantAdmin.NOT_A_TENANT")]
    public async Task ValidateAsync_NoKnownRoles_ReturnsNoRoles(params string[] roles)
    {
        var oid = Guid.NewGuid().ToString();

        var result = await ValidateAsync(_entra.IssueToken(roles, Audience, oid));

        Assert.Equal(EntraValidationOutcome.NoRoles, result.Outcome);
        Assert.Null(result.Principal);
        Assert.Contains($"entra:{oid}", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_WrongAudience_IsInvalid()
    {
        await AssertInvalidAsync(_entra.IssueToken(AdminRoles, "api://some-other-app"), "audience");
    }

    [Fact]
    public async Task ValidateAsync_AdditionalAudience_IsValid()
    {
        var clientId = Guid.NewGuid().ToString();
        var validator = CreateValidator(o => o.AdditionalAudiences = [clientId]);

        var result = await validator.ValidateAsync(_entra.IssueToken(AdminRoles, clientId), CancellationToken.None);

        Assert.Equal(EntraValidationOutcome.Valid, result.Outcome);
    }

    [Fact]
    public async Task ValidateAsync_WrongIssuer_IsInvalid()
    {
        var otherDirectory = $"https://login.microsoftonline.com/{Guid.NewGuid()}/v2.0";

        await AssertInvalidAsync(_entra.IssueToken(AdminRoles, Audience, issuer: otherDirectory), "issuer");
    }

    [Fact]
    public async Task ValidateAsync_V1IssuerOfSameDirectory_IsValid()
    {
        var token = _entra.IssueToken(AdminRoles, Audience, issuer: $"https://sts.windows.net/{_entra.TenantId}/");

        Assert.Equal(EntraValidationOutcome.Valid, (await ValidateAsync(token)).Outcome);
    }

    [Fact]
    public async Task ValidateAsync_WrongTid_IsInvalid()
    {
        await AssertInvalidAsync(_entra.IssueToken(AdminRoles, Audience, tenantIdClaim: Guid.NewGuid().ToString()), "tid");
    }

    [Fact]
    public async Task ValidateAsync_ExpiredWithinSkew_IsValid_BeyondSkew_IsInvalid()
    {
        var token = _entra.IssueToken(AdminRoles, Audience, lifetime: TimeSpan.FromHours(1));

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(EntraValidationOutcome.Valid, (await ValidateAsync(token)).Outcome);

        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await AssertInvalidAsync(token, "expired");
    }

    [Fact]
    public async Task ValidateAsync_NotYetValid_IsInvalid_UnlessWithinSkew()
    {
        var later = _entra.IssueToken(AdminRoles, Audience, now: _time.GetUtcNow().AddMinutes(10));
        var slightlyLater = _entra.IssueToken(AdminRoles, Audience, now: _time.GetUtcNow().AddMinutes(1));

        await AssertInvalidAsync(later, "not yet valid");
        Assert.Equal(EntraValidationOutcome.Valid, (await ValidateAsync(slightlyLater)).Outcome);
    }

    [Fact]
    public async Task ValidateAsync_AlgNone_IsInvalid()
    {
        var token = _entra.IssueToken(AdminRoles, Audience, alg: "none");

        Assert.EndsWith(".", token, StringComparison.Ordinal);
        await AssertInvalidAsync(token, "signature");
    }

    [Fact]
    public async Task ValidateAsync_Hs256KeyedWithThePublicKey_IsInvalid()
    {
        await AssertInvalidAsync(_entra.IssueToken(AdminRoles, Audience, alg: "HS256"), "signature");
    }

    [Fact]
    public async Task ValidateAsync_Rs384WithThePublishedKey_IsInvalid()
    {
        // Correctly signed with the directory's own key, so only the RS256 pin can refuse it.
        await AssertInvalidAsync(_entra.IssueToken(AdminRoles, Audience, alg: "RS384"), "signature");
    }

    [Fact]
    public async Task ValidateAsync_SignedWithUnknownKey_IsInvalid()
    {
        await AssertInvalidAsync(_entra.IssueToken(AdminRoles, Audience, signWithUnknownKey: true), "signing key unknown");
    }

    [Fact]
    public async Task ValidateAsync_TamperedPayload_IsInvalid()
    {
        var parts = _entra.IssueToken(["Gatehouse.Viewer"], Audience).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("Gatehouse.Viewer", "Gatehouse.Admin", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        await AssertInvalidAsync(tampered, "signature invalid");
    }

    [Fact]
    public async Task ValidateAsync_ServerRotatesKey_RefreshesKeysAndAcceptsNewKid()
    {
        Assert.Equal(EntraValidationOutcome.Valid, (await ValidateAsync(_entra.IssueToken(AdminRoles, Audience))).Outcome);
        var oldKid = _entra.CurrentKid;
        Assert.Equal(1, _entra.KeySetRequests);

        _entra.RotateSigningKey();
        var rotated = _entra.IssueToken(AdminRoles, Audience);

        // The unknown kid makes the library refresh its keys; this library version refreshes in the background after
        // the first load, so the token may be refused until that fetch lands. Poll for it instead of guessing a delay.
        var result = await ValidateAsync(rotated);
        for (var waited = Stopwatch.StartNew(); result.Outcome != EntraValidationOutcome.Valid && waited.Elapsed < TimeSpan.FromSeconds(10);)
        {
            await Task.Delay(20);
            result = await ValidateAsync(rotated);
        }

        Assert.NotEqual(oldKid, _entra.CurrentKid);
        Assert.Equal(EntraValidationOutcome.Valid, result.Outcome);
        Assert.Equal(2, _entra.KeySetRequests);
    }

    [Theory]
    [InlineData(FakeEntraOutage.ServerError)]
    [InlineData(FakeEntraOutage.Hang)]
    public async Task ValidateAsync_MetadataEndpointDown_IsUnavailable(FakeEntraOutage outage)
    {
        _entra.Outage = outage;
        var validator = CreateValidator(o => o.MetadataTimeout = TimeSpan.FromMilliseconds(300));

        var result = await validator.ValidateAsync(_entra.IssueToken(AdminRoles, Audience), CancellationToken.None);

        Assert.Equal(EntraValidationOutcome.Unavailable, result.Outcome);
        Assert.Null(result.Principal);
        Assert.True(_entra.MetadataRequests >= 1);
    }

    [Fact]
    public async Task ValidateAsync_MetadataDownAfterKeysLoaded_KeepsUsingCachedKeys()
    {
        Assert.Equal(EntraValidationOutcome.Valid, (await ValidateAsync(_entra.IssueToken(AdminRoles, Audience))).Outcome);

        _entra.Outage = FakeEntraOutage.ServerError;

        Assert.Equal(EntraValidationOutcome.Valid, (await ValidateAsync(_entra.IssueToken(AdminRoles, Audience))).Outcome);
        Assert.Equal(1, _entra.MetadataRequests);
    }

    [Fact]
    public async Task ValidateAsync_GatewayKey_IsInvalidWithoutFetchingMetadata()
    {
        await AssertInvalidAsync("gh_live_0123456789abcdefghijklmnopqrstuv", "not a JWT");

        Assert.Equal(0, _entra.MetadataRequests);
    }

    [Fact]
    public async Task ValidateAsync_EntraNotConfigured_IsInvalid()
    {
        var validator = CreateValidator(o => (o.TenantId, o.Audience) = (null, null));

        var result = await validator.ValidateAsync(_entra.IssueToken(AdminRoles, Audience), CancellationToken.None);

        Assert.Equal(EntraValidationOutcome.Invalid, result.Outcome);
        Assert.Equal(0, _entra.MetadataRequests);
    }

    [Fact]
    public void LooksLikeJwt_EntraTokens_True()
    {
        Assert.True(EntraTokenValidator.LooksLikeJwt(_entra.IssueToken(AdminRoles, Audience)));
        Assert.True(EntraTokenValidator.LooksLikeJwt(_entra.IssueToken(AdminRoles, Audience, alg: "none")));
    }

    [Theory]
    [InlineData("gh_live_0123456789abcdefghijklmnopqrstuv")]
    [InlineData("")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln.ZXh0cmE")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9..c2ln")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIi+iJ4In0.c2ln")]
    [InlineData("abcGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIi OiJ4In0.c2ln")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0=.c2ln")]
    public void LooksLikeJwt_OtherStrings_False(string candidate)
    {
        Assert.False(EntraTokenValidator.LooksLikeJwt(candidate));
    }

    [Fact]
    public void LooksLikeJwt_LongerThan16KB_False()
    {
        var huge = $"eyJhbGciOiJSUzI1NiJ9.{new string('A', 16 * 1024)}.c2ln";

        Assert.False(EntraTokenValidator.LooksLikeJwt(huge));
    }

    private EntraTokenValidator CreateValidator(Action<EntraOptions>? configure = null)
    {
        var options = new GatehouseOptions();
        var entra = options.Admin.Entra;
        entra.TenantId = _entra.TenantId;
        entra.Audience = Audience;
        entra.Instance = _entra.BaseUrl.ToString();
        entra.RequireHttpsMetadata = false;
        configure?.Invoke(entra);
        Assert.Empty(entra.Validate());
        return new EntraTokenValidator(Options.Create(options), HttpClients, _time);
    }

    private Task<EntraValidationResult> ValidateAsync(string token) => _validator.ValidateAsync(token, CancellationToken.None);

    private async Task AssertInvalidAsync(string token, string because)
    {
        var result = await ValidateAsync(token);

        Assert.Equal(EntraValidationOutcome.Invalid, result.Outcome);
        Assert.Null(result.Principal);
        Assert.Contains(because, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.Reason, StringComparison.Ordinal);
    }
}
