using System.Net;
using System.Text.Json.Nodes;
using Gatehouse.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.IntegrationTests.Admin;

/// <summary>/admin/openapi.json describes every admin route, in the names the API really uses.</summary>
public sealed class OpenApiTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Document_ListsEveryAdminRoute_WithSnakeCaseSchemas()
    {
        using var admin = new AdminApi(fixture.App, GatewayApp.AdminKey);

        var document = await admin.GetOkAsync("/admin/openapi.json");

        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => $"{op.Key.ToUpperInvariant()} {path.Key}"))
            .ToHashSet();
        var mapped = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/admin/", StringComparison.Ordinal) && e.RoutePattern.RawText != "/admin/openapi.json")
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        Assert.Equal(mapped.Order(), documented.Order());
        Assert.Contains("POST /admin/keys/{id}/rotate", documented);
        Assert.Contains("POST /admin/key-requests/{id}/approve", documented);
        Assert.Contains("GET /admin/keys/{id}/budget", documented);
        Assert.Contains("GET /admin/tenants/{id}/budget", documented);

        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.True(schemas["RotateKeyBody"]!["properties"]!.AsObject().ContainsKey("grace_period_seconds"));
        Assert.True(schemas["KeyResponse"]!["properties"]!.AsObject().ContainsKey("created_at"));
        Assert.True(schemas["BudgetSpendResponse"]!["properties"]!.AsObject().ContainsKey("spent_usd"));
        Assert.True(schemas["ErrorEnvelope"]!["properties"]!.AsObject().ContainsKey("error"));
    }

    [Fact]
    public async Task Document_NeedsAdminCredentials()
    {
        using var anonymous = fixture.App.CreateClient(bearer: null);

        await ErrorAssert.IsErrorAsync(await anonymous.GetAsync("/admin/openapi.json"), HttpStatusCode.Unauthorized, "invalid_api_key");
    }
}
