using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Anthropic;

/// <summary>
/// OpenAI content (a string, or an array of parts) as Anthropic content blocks: text, images (a <c>data:</c> URL
/// becomes a base64 source, an http(s) URL a url source) and PDF files. Audio has no Anthropic equivalent.
/// </summary>
internal static class AnthropicContentParts
{
    private static readonly string[] ImageMediaTypes = ["image/jpeg", "image/png", "image/gif", "image/webp"];

    /// <summary>Adds the blocks of a user message's content. Empty text adds nothing (Anthropic rejects empty text blocks).</summary>
    public static void AddUserContent(JsonNode? content, List<JsonObject> blocks, string where)
    {
        if (AnthropicJson.IsNull(content))
        {
            return;
        }

        if (AnthropicJson.String(content) is { } text)
        {
            AddText(text, blocks);
            return;
        }

        if (content is not JsonArray parts)
        {
            throw AnthropicUnsupported.Because($"{where}.content that is neither a string nor an array of parts");
        }

        for (var i = 0; i < parts.Count; i++)
        {
            AddPart(parts[i] as JsonObject, blocks, $"{where}.content[{i}]");
        }
    }

    /// <summary>The text of content that may only hold text (system prompts, assistant turns, tool results).</summary>
    public static List<string> TextsOf(JsonNode? content, string where)
    {
        if (AnthropicJson.IsNull(content))
        {
            return [];
        }

        if (AnthropicJson.String(content) is { } text)
        {
            return [text];
        }

        if (content is not JsonArray parts)
        {
            throw AnthropicUnsupported.Because($"{where}.content that is neither a string nor an array of parts");
        }

        var texts = new List<string>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i] as JsonObject;
            var type = AnthropicJson.String(part?["type"]);
            texts.Add(type switch
            {
                "text" => AnthropicJson.String(part!["text"]) ?? "",
                "refusal" => AnthropicJson.String(part!["refusal"]) ?? "",
                _ => throw AnthropicUnsupported.Because($"a '{type}' part in {where}.content[{i}] (only text is accepted there)"),
            });
        }

        return texts;
    }

    public static void AddText(string text, List<JsonObject> blocks)
    {
        if (text.Length > 0)
        {
            blocks.Add(AnthropicTurn.Text(text));
        }
    }

    private static void AddPart(JsonObject? part, List<JsonObject> blocks, string where)
    {
        switch (AnthropicJson.String(part?["type"]))
        {
            case "text":
                AddText(AnthropicJson.String(part!["text"]) ?? "", blocks);
                break;
            case "image_url":
                blocks.Add(Image(AnthropicJson.String(part!["image_url"]?["url"]) ?? AnthropicJson.String(part["image_url"]), where));
                break;
            case "file":
                blocks.Add(Document(part!["file"] as JsonObject, where));
                break;
            case "input_audio":
                throw AnthropicUnsupported.Because($"audio input ({where} is an input_audio part)");
            case var type:
                throw AnthropicUnsupported.Because($"content parts of type '{type}' ({where})");
        }
    }

    private static JsonObject Image(string? url, string where)
    {
        if (url is null)
        {
            throw AnthropicUnsupported.Because($"an image part without a URL ({where}.image_url.url)");
        }

        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return new JsonObject { ["type"] = "image", ["source"] = new JsonObject { ["type"] = "url", ["url"] = url } };
        }

        var (mediaType, data) = DataUrl(url, where);
        if (!ImageMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            throw AnthropicUnsupported.Because($"images of type '{mediaType}' ({where}); send JPEG, PNG, GIF or WebP");
        }

        return new JsonObject { ["type"] = "image", ["source"] = Base64Source(mediaType.ToLowerInvariant(), data) };
    }

    private static JsonObject Document(JsonObject? file, string where)
    {
        if (AnthropicJson.String(file?["file_data"]) is not { } fileData)
        {
            throw AnthropicUnsupported.Because($"file parts without inline file_data, such as uploaded file ids ({where})");
        }

        var (mediaType, data) = DataUrl(fileData, where);
        if (!mediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase))
        {
            throw AnthropicUnsupported.Because($"files of type '{mediaType}' ({where}); only PDF documents are translated");
        }

        return new JsonObject { ["type"] = "document", ["source"] = Base64Source("application/pdf", data) };
    }

    private static JsonObject Base64Source(string mediaType, string data) =>
        new() { ["type"] = "base64", ["media_type"] = mediaType, ["data"] = data };

    /// <summary>Splits <c>data:&lt;type&gt;;base64,&lt;data&gt;</c>; other URL schemes and non-base64 data are refused.</summary>
    private static (string MediaType, string Data) DataUrl(string url, string where)
    {
        const string Prefix = "data:";
        const string Base64 = ";base64";
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (!url.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || comma < 0)
        {
            throw AnthropicUnsupported.Because($"this URL scheme ({where}); send an http(s) URL or a base64 data: URL");
        }

        var meta = url[Prefix.Length..comma];
        if (!meta.EndsWith(Base64, StringComparison.OrdinalIgnoreCase))
        {
            throw AnthropicUnsupported.Because($"data: URLs that are not base64 ({where})");
        }

        var mediaType = meta[..^Base64.Length].Split(';')[0].Trim();
        return (mediaType, url[(comma + 1)..]);
    }
}
