using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Configuration;
using Gatehouse.Providers;
using Gatehouse.Providers.Gemini;
using Gatehouse.Routing;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.Tests.Providers.Gemini;

/// <summary>A Gemini adapter on a fixed clock, a deployment for it, and the requests and responses the tests pass it.</summary>
internal static class GeminiTestRequests
{
    public const string ApiKey = "AIzaSy-test-key-0123456789";
    public static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static GeminiAdapter Adapter() => new(new FakeTimeProvider(Now));

    public static Deployment Deployment(string model = "gemini-2.0-flash", string? apiKey = ApiKey) =>
        new(new ProviderEndpoint("google", ProviderNames.Gemini, new Uri("https://generativelanguage.googleapis.com/v1beta"), apiKey, new ProviderOptions()), model);

    public static ProviderRequest Chat(string body, bool stream = false, bool addStreamUsage = false) =>
        new(ProviderOperation.ChatCompletions, JsonNode.Parse(body)!.AsObject(), stream, addStreamUsage);

    /// <summary>The Gemini body the adapter would send for an OpenAI chat body.</summary>
    public static JsonObject Sent(string openAIBody, string model = "gemini-2.0-flash")
    {
        using var message = Adapter().CreateRequest(Chat(openAIBody), Deployment(model));
        return JsonNode.Parse(message.Content!.ReadAsStream())!.AsObject();
    }

    /// <summary>A response to the request the adapter made, as HttpClient hands it back (with its request message).</summary>
    public static HttpResponseMessage Answer(HttpRequestMessage request, string body, string mediaType = "application/json") => new(System.Net.HttpStatusCode.OK)
    {
        Content = new StringContent(body, Encoding.UTF8, mediaType),
        RequestMessage = request,
    };

    /// <summary>SSE framing as Google writes it: <c>data: {json}</c>, CRLF line ends, a blank line after each event.</summary>
    public static string Sse(params string[] events) => string.Concat(events.Select(e => $"data: {e}\r\n\r\n"));
}
