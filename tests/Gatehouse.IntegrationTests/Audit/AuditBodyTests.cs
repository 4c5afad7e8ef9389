using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Gatehouse.IntegrationTests.Cli;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Audit;

/// <summary>
/// Prompt and response bodies through the real gateway: encrypted into the audit row when the mode is full or redacted,
/// absent when off, and read back decrypted by admins only (API and CLI).
/// </summary>
public sealed class AuditBodyTests(AuditBodyFixture fixture) : IClassFixture<AuditBodyFixture>
{
    private static string Today => TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Full_JsonAnswer_DecryptedBodyIsWhatWasSentAndReceived()
    {
        var (secret, tenant) = await KeyAsync(fixture.Full);
        var marker = Marker();
        var request = Chat($"remember {marker}");

        var (requestId, answer) = await ChatAsync(fixture.Full, secret, request);

        var row = await AuditRows.WaitForAsync(tenant, requestId);
        AssertNoPlaintext(row, marker);
        var body = await ReadBodyAsync(fixture.Full, tenant, requestId);
        Assert.Equal("full", body["mode"]!.GetValue<string>());
        Assert.Equal("k1", body["key_id"]!.GetValue<string>());
        Assert.False(body["truncated"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(request, body["prompt"]), body["prompt"]?.ToJsonString());
        Assert.True(JsonNode.DeepEquals(answer, body["response"]), body["response"]?.ToJsonString());
    }

    [Fact]
    public async Task Full_Stream_DecryptedResponseIsTheRelayedText()
    {
        var (secret, tenant) = await KeyAsync(fixture.Full);
        var marker = Marker();
        var request = Chat($"stream {marker}");
        request["stream"] = true;

        using var client = fixture.Full.CreateClient(secret);
        using var response = await client.PostAsJsonAsync("/v1/chat/completions", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = SseEvents.Text(await SseEvents.ReadAllAsync(response));
        var requestId = response.Headers.GetValues("x-request-id").Single();

        AssertNoPlaintext(await AuditRows.WaitForAsync(tenant, requestId), marker);
        var body = await ReadBodyAsync(fixture.Full, tenant, requestId);
        Assert.Contains(marker, text, StringComparison.Ordinal);
        Assert.Equal(text, body["response"]!["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(request, body["prompt"]));
    }

    [Fact]
    public async Task Redacted_EmailAndSecretInPrompt_AreNotInTheDecryptedBody()
    {
        var (secret, tenant) = await KeyAsync(fixture.Redacted);
        var token = "ghp_" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36);
        var email = $"jane.doe{RandomNumberGenerator.GetInt32(1000, 10_000)}@example.com";

        var (requestId, answer) = await ChatAsync(fixture.Redacted, secret, Chat($"{email} uses GITHUB_TOKEN={token} today"));

        Assert.Contains(email, answer.ToJsonString(), StringComparison.Ordinal); // the client's answer is untouched: the policy redacted nothing
        var row = await AuditRows.WaitForAsync(tenant, requestId);
        AssertNoPlaintext(row, email);
        var body = await ReadBodyAsync(fixture.Redacted, tenant, requestId);
        var decrypted = body.ToJsonString();
        Assert.Equal("redacted", body["mode"]!.GetValue<string>());
        Assert.DoesNotContain(email, decrypted, StringComparison.Ordinal);
        Assert.DoesNotContain(token, decrypted, StringComparison.Ordinal);
        Assert.Contains("[REDACTED_EMAIL", body["prompt"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("[REDACTED_EMAIL", body["response"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_Request_HasNoBody()
    {
        var (secret, tenant) = await KeyAsync(fixture.Off);
        var marker = Marker();

        var (requestId, _) = await ChatAsync(fixture.Off, secret, Chat($"nothing kept {marker}"));

        var row = await AuditRows.WaitForAsync(tenant, requestId);
        Assert.Null(row.GetString("Body"));
        AssertNoPlaintext(row, marker);
        using var admin = fixture.Off.CreateAdminClient();
        using var read = await admin.GetAsync($"/admin/audit/{tenant}/{Today}/{requestId}/body");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task ReadBody_TenantAdmin_IsRefused()
    {
        var (secret, tenant) = await KeyAsync(fixture.Full);
        var (requestId, _) = await ChatAsync(fixture.Full, secret, Chat("hello"));
        await AuditRows.WaitForAsync(tenant, requestId);
        using var admin = new AdminApi(fixture.Full, GatewayApp.AdminKey);
        var (_, tenantAdminKey) = await admin.CreateAdminKeyAsync("tenant-admin", tenant);

        using var tenantAdmin = new AdminApi(fixture.Full, tenantAdminKey);
        using var read = await tenantAdmin.GetAsync($"/admin/audit/{tenant}/{Today}/{requestId}/body");

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Fact]
    public async Task ReadBody_ByAdmin_IsItselfAudited()
    {
        var (secret, tenant) = await KeyAsync(fixture.Full);
        var (requestId, _) = await ChatAsync(fixture.Full, secret, Chat("hello"));
        await AuditRows.WaitForAsync(tenant, requestId);

        using var admin = fixture.Full.CreateAdminClient();
        using var read = await admin.GetAsync($"/admin/audit/{tenant}/{Today}/{requestId}/body");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var row = await AuditRows.WaitForAsync(tenant, read.Headers.GetValues("x-request-id").Single());
        Assert.Equal("audit.body.read", row.GetString("Action"));
        Assert.Equal(requestId, row.GetString("Target"));
    }

    [Fact]
    public async Task ReadBody_BadDay_IsRefused()
    {
        using var admin = fixture.Full.CreateAdminClient();
        using var read = await admin.GetAsync("/admin/audit/acme/22-11-2026/req/body");

        await ErrorAssert.IsErrorAsync(read, HttpStatusCode.BadRequest, "invalid_value");
    }

    [Fact]
    public async Task Cli_AuditBody_PrintsTheDecryptedBody()
    {
        var (secret, tenant) = await KeyAsync(fixture.Full);
        var marker = Marker();
        var request = Chat($"cli {marker}");
        var (requestId, _) = await ChatAsync(fixture.Full, secret, request);
        await AuditRows.WaitForAsync(tenant, requestId);
        var cli = new CliRunner(fixture.Full);

        var json = await cli.RunAsync("audit", "body", "--tenant", tenant, "--day", Today, "--request", requestId, "--json");
        var human = await cli.RunAsync("audit", "body", "--tenant", tenant, "--day", Today, "--request", requestId);

        Assert.Equal(0, json.Exit);
        Assert.True(JsonNode.DeepEquals(request, JsonNode.Parse(json.Out)!["prompt"]));
        Assert.Equal(0, human.Exit);
        Assert.Contains("mode=full", human.Out, StringComparison.Ordinal);
        Assert.Contains(marker, human.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_AuditBody_MissingOption_IsAUsageError()
    {
        var (exit, _, err) = await new CliRunner(fixture.Full).RunAsync("audit", "body", "--tenant", "acme");

        Assert.Equal(2, exit);
        Assert.Contains("--request", err, StringComparison.Ordinal);
    }

    private static string Marker() => $"mk{Guid.NewGuid():N}"[..18]; // short: the double echoes the first 40 characters

    private static JsonObject Chat(string text) => new()
    {
        ["model"] = "gpt-4o-mini",
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
    };

    private static async Task<(string Secret, string Tenant)> KeyAsync(GatewayApp app)
    {
        var (_, secret, tenant) = await app.CreateKeyAsync();
        return (secret, tenant);
    }

    private static async Task<(string RequestId, JsonNode Answer)> ChatAsync(GatewayApp app, string secret, JsonObject request)
    {
        using var client = app.CreateClient(secret);
        using var response = await client.PostAsJsonAsync("/v1/chat/completions", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.GetValues("x-request-id").Single(), JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<JsonNode> ReadBodyAsync(GatewayApp app, string tenant, string requestId)
    {
        using var admin = app.CreateAdminClient();
        using var response = await admin.GetAsync($"/admin/audit/{tenant}/{Today}/{requestId}/body");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>The stored row, every column as text, holds no trace of the marker (the body is ciphertext).</summary>
    private static void AssertNoPlaintext(TableEntity row, string marker) =>
        Assert.DoesNotContain(marker, string.Join("|", row.Select(p => p.Value?.ToString())), StringComparison.Ordinal);
}
