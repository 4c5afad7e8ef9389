using System.Net;
using System.Text;
using Gatehouse.Providers;
using static Gatehouse.Tests.Providers.Gemini.GeminiTestRequests;

namespace Gatehouse.Tests.Providers.Gemini;

/// <summary>Google's error bodies, as the Gemini API sends them, classified for routing and the client.</summary>
public sealed class GeminiErrorsTests
{
    private static async Task<UpstreamError> ReadAsync(HttpStatusCode status, string body, Action<HttpResponseMessage>? configure = null)
    {
        var adapter = Adapter();
        using var request = adapter.CreateRequest(Chat("""{"model":"alias","messages":[{"role":"user","content":"hi"}]}"""), Deployment());
        using var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
        configure?.Invoke(response);
        return await adapter.ReadErrorAsync(response, CancellationToken.None);
    }

    private static string Envelope(int code, string status, string message = "m") =>
        $$$"""{"error":{"code":{{{code}}},"message":"{{{message}}}","status":"{{{status}}}"}}""";

    [Theory]
    [InlineData(400, "INVALID_ARGUMENT", ProviderErrorKind.BadRequest)]
    [InlineData(400, "FAILED_PRECONDITION", ProviderErrorKind.BadRequest)]
    [InlineData(401, "UNAUTHENTICATED", ProviderErrorKind.Auth)]
    [InlineData(403, "PERMISSION_DENIED", ProviderErrorKind.Auth)]
    [InlineData(404, "NOT_FOUND", ProviderErrorKind.BadRequest)]
    [InlineData(429, "RESOURCE_EXHAUSTED", ProviderErrorKind.RateLimited)]
    [InlineData(500, "INTERNAL", ProviderErrorKind.Server)]
    [InlineData(503, "UNAVAILABLE", ProviderErrorKind.Server)]
    [InlineData(504, "DEADLINE_EXCEEDED", ProviderErrorKind.Timeout)]
    public async Task StatusesAreClassified(int code, string status, ProviderErrorKind kind)
    {
        var error = await ReadAsync((HttpStatusCode)code, Envelope(code, status, "Something happened."));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(code, error.UpstreamStatus);
        Assert.Equal("Something happened.", error.Message);
    }

    [Fact]
    public async Task InvalidApiKey_IsAuth_ThoughGoogleSendsIt400()
    {
        var error = await ReadAsync(HttpStatusCode.BadRequest, """
            {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[
              {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}},
              {"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":"API key not valid. Please pass a valid API key."}]}}
            """);

        Assert.Equal(ProviderErrorKind.Auth, error.Kind);
        Assert.Equal(400, error.UpstreamStatus);
    }

    [Fact]
    public async Task RetryInfo_IsTheRetryAfter_WhenNoHeaderSaysOtherwise()
    {
        const string body = """
            {"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED","details":[
              {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests"}]},
              {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"36.5s"}]}}
            """;

        var fromBody = await ReadAsync(HttpStatusCode.TooManyRequests, body);
        var fromHeader = await ReadAsync(HttpStatusCode.TooManyRequests, body, r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3)));

        Assert.Equal(ProviderErrorKind.RateLimited, fromBody.Kind);
        Assert.Equal(TimeSpan.FromSeconds(36.5), fromBody.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(3), fromHeader.RetryAfter);
    }

    [Fact]
    public async Task EnvelopeInAnArray_AsJsonArrayStreamsSendIt_IsRead()
    {
        var error = await ReadAsync(HttpStatusCode.ServiceUnavailable, "[" + Envelope(503, "UNAVAILABLE", "The model is overloaded.") + "]");

        Assert.Equal(ProviderErrorKind.Server, error.Kind);
        Assert.Equal("The model is overloaded.", error.Message);
    }

    [Theory]
    [InlineData("<html><body>Bad Gateway</body></html>", 502, ProviderErrorKind.Server)]
    [InlineData("", 429, ProviderErrorKind.RateLimited)]
    [InlineData("""{"error":"nope"}""", 403, ProviderErrorKind.Auth)]
    [InlineData("""{"error":{"code":504}}""", 504, ProviderErrorKind.Timeout)]
    public async Task MalformedBodies_FallBackToTheStatus(string body, int status, ProviderErrorKind kind)
    {
        var error = await ReadAsync((HttpStatusCode)status, body);

        Assert.Equal(kind, error.Kind);
        Assert.StartsWith($"The upstream provider answered {status}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongMessages_AreTruncated_AndTheKeyIsNeverEchoed()
    {
        var message = $"Bad key {ApiKey} " + new string('x', 2000);

        var error = await ReadAsync(HttpStatusCode.BadRequest, Envelope(400, "INVALID_ARGUMENT", message));

        Assert.DoesNotContain(ApiKey, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Bad key [redacted] xxx", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length <= 503);
    }
}
