using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers;

/// <summary>
/// How every adapter reads a provider's error answer: at most 16 KB of its body (never its headers, which may echo
/// credentials), parsed as JSON when it is; messages bounded before they reach a client.
/// </summary>
public static class ProviderErrorBody
{
    public const int MaxBytes = 16 * 1024;
    public const int MaxMessageChars = 500;

    /// <summary>The body's JSON, or null when it is not JSON (or was cut off at the bound).</summary>
    public static async ValueTask<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var bytes = new byte[MaxBytes];
            var read = await stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken);
            return JsonNode.Parse(bytes.AsSpan(0, read));
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>What the client is told when the provider gave no message of its own.</summary>
    public static string StatusMessage(HttpResponseMessage response) =>
        $"The upstream provider answered {(int)response.StatusCode} {response.ReasonPhrase}.";

    public static string Truncate(string message) =>
        message.Length <= MaxMessageChars ? message : string.Concat(message.AsSpan(0, MaxMessageChars), "...");
}
