using System.Net;
using System.Net.Http.Json;
using Gatehouse.IntegrationTests.Infrastructure;

namespace Gatehouse.IntegrationTests.Keys;

/// <summary>The app's end user, from the <c>user</c> field or the <c>x-gatehouse-user</c> header, reaches the audit record.</summary>
public sealed class EndUserTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task UserField_IsRecordedInTheAuditEvent()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();

        var response = await fixture.App.CreateClient(secret).PostAsJsonAsync("/v1/chat/completions",
            new { model = "gpt-4o-mini", user = "user-4711", messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await AuditRows.WaitForAsync(tenant, response.Headers.GetValues("x-request-id").Single());
        Assert.Equal("user-4711", row.GetString("EndUser"));
    }

    [Fact]
    public async Task Header_WinsOverTheBodyField()
    {
        var (_, secret, tenant) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);
        client.DefaultRequestHeaders.Add("x-gatehouse-user", "alice@example.com");

        var response = await client.PostAsJsonAsync("/v1/embeddings", new { model = "text-embedding-3-small", input = "x", user = "body-user" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await AuditRows.WaitForAsync(tenant, response.Headers.GetValues("x-request-id").Single());
        Assert.Equal("alice@example.com", row.GetString("EndUser"));
    }

    [Fact]
    public async Task BadEndUser_Returns400()
    {
        var (_, secret, _) = await fixture.App.CreateKeyAsync();
        using var client = fixture.App.CreateClient(secret);

        var tooLong = await client.PostAsJsonAsync("/v1/chat/completions",
            new { model = "gpt-4o-mini", user = new string('u', 257), messages = new[] { new { role = "user", content = "hi" } } });
        var wrongType = await client.PostAsJsonAsync("/v1/chat/completions",
            new { model = "gpt-4o-mini", user = 42, messages = new[] { new { role = "user", content = "hi" } } });

        await ErrorAssert.IsErrorAsync(tooLong, HttpStatusCode.BadRequest, "invalid_value", "user");
        await ErrorAssert.IsErrorAsync(wrongType, HttpStatusCode.BadRequest, "invalid_type", "user");
    }
}
