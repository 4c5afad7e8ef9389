using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Gatehouse.TestDoubles.KeyVault;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.IntegrationTests.TestDoubles;

/// <summary>The Key Vault double answers as Key Vault's secrets API does: value and versioned id, and its error shapes.</summary>
public sealed class FakeKeyVaultServerTests : IAsyncLifetime
{
    private const string Token = "vault-token";
    private FakeKeyVaultServer _vault = null!;
    private readonly HttpClient _http = new ServiceCollection()
        .AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient();

    public async Task InitializeAsync() => _vault = await FakeKeyVaultServer.StartAsync(Token);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _vault.DisposeAsync();
    }

    [Fact]
    public async Task Get_LatestVersion_ReturnsValueAndVersionedId()
    {
        _vault.SetSecret("audit-key", "old");
        var version = _vault.SetSecret("audit-key", "new");

        var (status, json, _) = await GetAsync("secrets/audit-key?api-version=7.4", Token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("new", json["value"]!.GetValue<string>());
        Assert.Equal($"{_vault.BaseUrl}secrets/audit-key/{version}", json["id"]!.GetValue<string>());
        Assert.True(json["attributes"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Get_OlderVersion_ReturnsThatVersion()
    {
        var version = _vault.SetSecret("pinned", "first");
        _vault.SetSecret("pinned", "second");

        var (_, json, _) = await GetAsync($"secrets/pinned/{version}?api-version=7.4", Token);

        Assert.Equal("first", json["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_WithoutToken_Answers401WithChallenge()
    {
        _vault.SetSecret("audit-key", "v");

        var (status, json, response) = await GetAsync("secrets/audit-key?api-version=7.4", null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Unauthorized", json["error"]!["code"]!.GetValue<string>());
        Assert.Contains("resource=\"https://vault.azure.net\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WrongToken_Answers401()
    {
        _vault.SetSecret("audit-key", "v");

        var (status, _, _) = await GetAsync("secrets/audit-key?api-version=7.4", "someone-else");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Get_UnknownSecret_Answers404SecretNotFound()
    {
        var (status, json, _) = await GetAsync("secrets/missing?api-version=7.4", Token);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("SecretNotFound", json["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_WithoutApiVersion_Answers400()
    {
        _vault.SetSecret("audit-key", "v");

        var (status, json, _) = await GetAsync("secrets/audit-key", Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BadParameter", json["error"]!["code"]!.GetValue<string>());
    }

    private async Task<(HttpStatusCode Status, JsonNode Json, HttpResponseMessage Response)> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_vault.BaseUrl, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!, response);
    }
}
