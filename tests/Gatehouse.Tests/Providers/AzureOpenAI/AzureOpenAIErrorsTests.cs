using System.Net;
using System.Text;
using Gatehouse.Providers;
using Gatehouse.Providers.AzureOpenAI;

namespace Gatehouse.Tests.Providers.AzureOpenAI;

/// <summary>Azure's error bodies and statuses, each to the kind routing and the client act on.</summary>
public sealed class AzureOpenAIErrorsTests
{
    private static readonly AzureOpenAIAdapter Adapter = new();

    private static HttpResponseMessage Response(int status, string body)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return response;
    }

    private const string ContentFilter = """
        {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":true,"detected":true},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}}}
        """;

    [Fact]
    public async Task ReadErrorAsync_ContentFilter_IsContentFiltered_WithAzuresMessage()
    {
        using var response = Response(400, ContentFilter);

        var error = await Adapter.ReadErrorAsync(response, CancellationToken.None);

        Assert.Equal(ProviderErrorKind.ContentFiltered, error.Kind);
        Assert.Equal(400, error.UpstreamStatus);
        Assert.StartsWith("The response was filtered due to the prompt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadErrorAsync_429_IsRateLimited_WithRetryAfterMs()
    {
        using var response = Response(429, """{"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds."}}""");
        response.Headers.TryAddWithoutValidation("retry-after", "6");
        response.Headers.TryAddWithoutValidation("retry-after-ms", "5500");

        var error = await Adapter.ReadErrorAsync(response, CancellationToken.None);

        Assert.Equal(ProviderErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(5500), error.RetryAfter);
        Assert.Contains("exceeded token rate limit", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}""", "Access denied")]
    [InlineData("""{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired."}""", "Unauthorized. Access token")]
    public async Task ReadErrorAsync_401_KeyOrTokenShape_IsAuth(string body, string messageStart)
    {
        using var response = Response(401, body);

        var error = await Adapter.ReadErrorAsync(response, CancellationToken.None);

        Assert.Equal(ProviderErrorKind.Auth, error.Kind);
        Assert.StartsWith(messageStart, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, """{"error":{"code":"PermissionDenied","message":"Principal does not have access to API/Operation."}}""", ProviderErrorKind.Auth)]
    [InlineData(404, """{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}""", ProviderErrorKind.BadRequest)]
    [InlineData(404, """{"error":{"code":"404","message":"Resource not found"}}""", ProviderErrorKind.BadRequest)]
    [InlineData(400, """{"error":{"message":"Invalid value for 'temperature'.","type":"invalid_request_error","param":"temperature","code":null}}""", ProviderErrorKind.BadRequest)]
    [InlineData(408, """{"error":{"code":"Timeout","message":"The operation was timeout."}}""", ProviderErrorKind.Timeout)]
    [InlineData(500, """{"error":{"code":"InternalServerError","message":"The server had an error processing your request."}}""", ProviderErrorKind.Server)]
    [InlineData(503, """{"error":{"code":"ServiceUnavailable","message":"The service is temporarily unable to process your request."}}""", ProviderErrorKind.Server)]
    public async Task ReadErrorAsync_ClassifiesByStatus_AndKeepsTheStatus(int status, string body, ProviderErrorKind kind)
    {
        using var response = Response(status, body);

        var error = await Adapter.ReadErrorAsync(response, CancellationToken.None);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.UpstreamStatus);
        Assert.Equal(JsonMessage(body), error.Message);
    }

    [Theory]
    [InlineData("<html><body>Bad Gateway</body></html>")]
    [InlineData("")]
    [InlineData("""{"error":"just a string"}""")]
    public async Task ReadErrorAsync_BodyWithoutAMessage_FallsBackToThePlainStatus(string body)
    {
        using var response = Response(502, body);

        var error = await Adapter.ReadErrorAsync(response, CancellationToken.None);

        Assert.Equal(ProviderErrorKind.Server, error.Kind);
        Assert.Equal("The upstream provider answered 502 Bad Gateway.", error.Message);
    }

    [Fact]
    public async Task ReadErrorAsync_HugeBodyAndLongMessage_AreBounded()
    {
        using var huge = Response(400, "{\"error\":{\"message\":\"" + new string('x', 40_000) + "\"}}");
        using var longMessage = Response(400, "{\"error\":{\"message\":\"" + new string('y', 2_000) + "\"}}");

        var cut = await Adapter.ReadErrorAsync(huge, CancellationToken.None);
        var truncated = await Adapter.ReadErrorAsync(longMessage, CancellationToken.None);

        Assert.Equal("The upstream provider answered 400 Bad Request.", cut.Message);
        Assert.Equal(503, truncated.Message.Length);
        Assert.EndsWith("...", truncated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_ContentFilterCodeWithoutInnerError_OrInnerCodeAlone_IsContentFiltered()
    {
        Assert.Equal(ProviderErrorKind.ContentFiltered, AzureOpenAIErrors.Classify(400, "content_filter", null));
        Assert.Equal(ProviderErrorKind.ContentFiltered, AzureOpenAIErrors.Classify(400, null, "ResponsibleAIPolicyViolation"));
        Assert.Equal(ProviderErrorKind.Server, AzureOpenAIErrors.Classify(500, "content_filter", null));
    }

    private static string JsonMessage(string body) => System.Text.Json.Nodes.JsonNode.Parse(body)!["error"]!["message"]!.GetValue<string>();
}
