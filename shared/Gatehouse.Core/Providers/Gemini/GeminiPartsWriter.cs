using System.Text;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Gemini;

/// <summary>
/// A message's OpenAI <c>content</c> (a string or an array of typed parts) as Gemini <c>parts</c>. Images and files go
/// inline, from base64 <c>data:</c> URLs only: Gemini does not fetch remote URLs (it wants inline data or its own file
/// URIs), and the gateway will not fetch them on a client's behalf either.
/// </summary>
internal static class GeminiPartsWriter
{
    /// <summary>The parts of a user message: text, images and files.</summary>
    public static void AddUserParts(JsonNode? content, JsonArray parts)
    {
        if (GeminiNodes.String(content) is { } text)
        {
            parts.Add(TextPart(text));
            return;
        }

        foreach (var part in ContentParts(content, "user"))
        {
            switch (GeminiNodes.String(part["type"]))
            {
                case "text":
                    parts.Add(TextPart(GeminiNodes.String(part["text"]) ?? ""));
                    break;
                case "image_url":
                    var url = GeminiNodes.String(part["image_url"] is JsonObject image ? image["url"] : part["image_url"]) ?? "";
                    parts.Add(InlineData(url, "an image_url part",
                        "Gemini deployments take images as base64 data: URLs only; remote image URLs are not fetched."));
                    break;
                case "file":
                    var file = part["file"] as JsonObject;
                    var fileData = GeminiNodes.String(file?["file_data"]) ?? "";
                    parts.Add(InlineData(fileData, "a file part",
                        "Gemini deployments take files as base64 data: URLs in file_data only; uploaded file ids are not supported."));
                    break;
                case "input_audio":
                    throw new UnsupportedRequestException("Audio input parts are not supported on Gemini deployments.");
                case var other:
                    throw new UnsupportedRequestException($"Content parts of type '{other ?? "(none)"}' are not supported on Gemini deployments.");
            }
        }
    }

    /// <summary>The text of a system, developer, assistant or tool message, whose content may only be text.</summary>
    public static string Text(JsonNode? content, string role)
    {
        if (content is null)
        {
            return "";
        }

        if (GeminiNodes.String(content) is { } text)
        {
            return text;
        }

        var joined = new StringBuilder();
        foreach (var part in ContentParts(content, role))
        {
            var type = GeminiNodes.String(part["type"]);
            if (type is not ("text" or "refusal"))
            {
                throw new UnsupportedRequestException($"A {role} message may only carry text on Gemini deployments, not '{type ?? "(none)"}' parts.");
            }

            joined.Append(GeminiNodes.String(part[type]));
        }

        return joined.ToString();
    }

    public static JsonObject TextPart(string text) => new() { ["text"] = text };

    private static IEnumerable<JsonObject> ContentParts(JsonNode? content, string role)
    {
        if (content is not JsonArray array)
        {
            throw new UnsupportedRequestException($"A {role} message's content must be a string or an array of content parts.");
        }

        foreach (var part in array)
        {
            yield return part as JsonObject
                ?? throw new UnsupportedRequestException($"A {role} message's content parts must be objects.");
        }
    }

    private static JsonObject InlineData(string url, string what, string refusal)
    {
        if (!GeminiDataUrl.TryParse(url, out var data))
        {
            throw new UnsupportedRequestException(url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                ? $"The data: URL in {what} must be base64-encoded with a media type (data:<type>;base64,...)."
                : refusal);
        }

        return new JsonObject { ["inlineData"] = new JsonObject { ["mimeType"] = data.MimeType, ["data"] = data.Base64Data } };
    }
}
