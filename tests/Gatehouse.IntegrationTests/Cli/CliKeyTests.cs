using System.Net;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Cli;

/// <summary><c>gatehouse keys ...</c> against a real gateway: patterns, metadata and expiry, edits, rotation, revocation.</summary>
public sealed class CliKeyTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly CliRunner _cli = new(fixture.App);

    [Fact]
    public async Task Create_WithPatternOwnerMetadataExpiry_ListAndGetShowThem()
    {
        var tenant = await _cli.CreateTenantAsync();

        var created = await _cli.RunAsync("keys", "create", "--tenant", tenant, "--models", "gpt-4o-mini,gpt-4o*", "--name", "search",
            "--owner", "alice@example.com", "--meta", "team=search", "--meta", "env=prod", "--expires", "2030-01-01T00:00:00Z");
        var id = CliRunner.KeyId(created.Out);
        var list = await _cli.RunAsync("keys", "list", "--tenant", tenant);
        var shown = await _cli.RunAsync("keys", "get", id);

        Assert.True(created.Exit == 0, created.Err);
        Assert.Contains("shown once", created.Out, StringComparison.Ordinal);
        Assert.Contains("expires at 2030-01-01T00:00:00", created.Out, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await _cli.ModelsStatusAsync(CliRunner.Secret(created.Out)));
        Assert.Contains(id, list.Out, StringComparison.Ordinal);
        Assert.Contains("gpt-4o-mini,gpt-4o*", list.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch("gh_[A-Za-z0-9_-]{43,}", list.Out + shown.Out);
        Assert.Contains("owner=alice@example.com", shown.Out, StringComparison.Ordinal);
        Assert.Contains("team=search", shown.Out, StringComparison.Ordinal);
        Assert.Contains("env=prod", shown.Out, StringComparison.Ordinal);
        Assert.Contains("expires_at=2030-01-01T00:00:00", shown.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_ChangesOnlyWhatIsGiven_AndNoExpiryClears()
    {
        var tenant = await _cli.CreateTenantAsync();
        var id = CliRunner.KeyId((await _cli.RunAsync("keys", "create", "--tenant", tenant, "--models", "gpt-4o-mini", "--owner", "bob", "--expires", "2030-01-01")).Out);

        var renamed = await _cli.RunAsync("keys", "update", id, "--name", "renamed", "--models", "gpt-4o*");
        var cleared = await _cli.RunAsync("keys", "update", id, "--no-expiry");
        var nothing = await _cli.RunAsync("keys", "update", id);
        var both = await _cli.RunAsync("keys", "update", id, "--expires", "2030-01-01", "--no-expiry");
        var badDate = await _cli.RunAsync("keys", "update", id, "--expires", "01/02/2030");
        var badMeta = await _cli.RunAsync("keys", "update", id, "--meta", "team");

        Assert.True(renamed.Exit == 0, renamed.Err);
        Assert.Contains("name=renamed", renamed.Out, StringComparison.Ordinal);
        Assert.Contains("models=gpt-4o*", renamed.Out, StringComparison.Ordinal);
        Assert.Contains("owner=bob", renamed.Out, StringComparison.Ordinal);
        Assert.Contains("expires_at=2030-01-01T00:00:00", renamed.Out, StringComparison.Ordinal);
        Assert.Equal(0, cleared.Exit);
        Assert.DoesNotContain("expires_at=", cleared.Out, StringComparison.Ordinal);
        Assert.Equal(2, nothing.Exit);
        Assert.Contains("needs at least one of", nothing.Err, StringComparison.Ordinal);
        Assert.Equal(2, both.Exit);
        Assert.Equal(2, badDate.Exit);
        Assert.Contains("ISO 8601", badDate.Err, StringComparison.Ordinal);
        Assert.Equal(2, badMeta.Exit);
        Assert.Contains("NAME=VALUE", badMeta.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_WithGrace_PrintsNewSecretOnce_AndBothSecretsWork()
    {
        var tenant = await _cli.CreateTenantAsync();
        var created = await _cli.RunAsync("keys", "create", "--tenant", tenant, "--models", "*");
        var (id, oldSecret) = (CliRunner.KeyId(created.Out), CliRunner.Secret(created.Out));

        var rotated = await _cli.RunAsync("keys", "rotate", id, "--grace", "1h");
        var newSecret = CliRunner.Secret(rotated.Out);

        Assert.True(rotated.Exit == 0, rotated.Err);
        Assert.Contains("New secret (shown once", rotated.Out, StringComparison.Ordinal);
        Assert.Contains("previous secret keeps working until", rotated.Out, StringComparison.Ordinal);
        Assert.NotEqual(oldSecret, newSecret);
        Assert.Equal(HttpStatusCode.OK, await _cli.ModelsStatusAsync(newSecret));
        Assert.Equal(HttpStatusCode.OK, await _cli.ModelsStatusAsync(oldSecret));
    }

    [Fact]
    public async Task Rotate_WithoutGrace_OldSecretStopsAtOnce_JsonHasTheNewSecret()
    {
        var tenant = await _cli.CreateTenantAsync();
        var created = await _cli.RunAsync("keys", "create", "--tenant", tenant, "--models", "*");

        var rotated = await _cli.RunAsync("keys", "rotate", CliRunner.KeyId(created.Out), "--json");
        var json = JsonNode.Parse(rotated.Out)!;

        Assert.Equal(0, rotated.Exit);
        Assert.Null(json["previous_key_expires_at"]);
        Assert.Equal(HttpStatusCode.Unauthorized, await _cli.ModelsStatusAsync(CliRunner.Secret(created.Out)));
        Assert.Equal(HttpStatusCode.OK, await _cli.ModelsStatusAsync(json["key"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("5x")]
    [InlineData("1.5h")]
    [InlineData("1h30m")]
    [InlineData("-60")]
    public async Task Rotate_BadGrace_IsAUsageError(string grace)
    {
        var rotated = await _cli.RunAsync("keys", "rotate", "key_aaaaaaaaaaaaaaaaaaaa", "--grace", grace);

        Assert.Equal(2, rotated.Exit);
        Assert.Contains($"--grace '{grace}' is not a duration", rotated.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_GraceBeyondTheGatewaysLimit_ShowsTheApiError()
    {
        var tenant = await _cli.CreateTenantAsync();
        var created = await _cli.RunAsync("keys", "create", "--tenant", tenant, "--models", "*");

        var rotated = await _cli.RunAsync("keys", "rotate", CliRunner.KeyId(created.Out), "--grace", "365d");

        Assert.Equal(1, rotated.Exit);
        Assert.Contains("grace_period_seconds", rotated.Err, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await _cli.ModelsStatusAsync(CliRunner.Secret(created.Out)));
    }

    [Fact]
    public async Task Revoke_StopsTheSecret()
    {
        var tenant = await _cli.CreateTenantAsync();
        var created = await _cli.RunAsync("keys", "create", "--tenant", tenant, "--models", "gpt-4o-mini");

        var revoked = await _cli.RunAsync("keys", "revoke", CliRunner.KeyId(created.Out));
        var again = await _cli.RunAsync("keys", "rotate", CliRunner.KeyId(created.Out));

        Assert.Equal(0, revoked.Exit);
        Assert.Contains("status=revoked", revoked.Out, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await _cli.ModelsStatusAsync(CliRunner.Secret(created.Out)));
        Assert.Equal(1, again.Exit);
        Assert.Contains("key_not_active", again.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Json_ParsesAsTheApisList()
    {
        var tenant = await _cli.CreateTenantAsync();
        var id = CliRunner.KeyId((await _cli.RunAsync("keys", "create", "--tenant", tenant, "--models", "gpt-4o*")).Out);

        var listed = await _cli.RunAsync("keys", "list", "--tenant", tenant, "--json");
        var json = JsonNode.Parse(listed.Out)!;

        Assert.Equal(0, listed.Exit);
        Assert.Equal("list", json["object"]!.GetValue<string>());
        var key = Assert.Single(json["data"]!.AsArray());
        Assert.Equal(id, key!["id"]!.GetValue<string>());
        Assert.Equal("gpt-4o*", key["models"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownOption_IsAUsageError()
    {
        var result = await _cli.RunAsync("keys", "list", "--tennant", "acme");

        Assert.Equal(2, result.Exit);
        Assert.Contains("--tennant is not an option of 'keys list'", result.Err, StringComparison.Ordinal);
    }
}
