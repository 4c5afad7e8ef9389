using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Gemini;

/// <summary>The OpenAI sampling and output options as Gemini's <c>generationConfig</c>.</summary>
internal static class GeminiGenerationConfigWriter
{
    public static JsonObject? Write(JsonObject body)
    {
        var config = new JsonObject();
        CopyNumber(body, GeminiNodes.Has(body, "max_completion_tokens") ? "max_completion_tokens" : "max_tokens", config, "maxOutputTokens");
        CopyNumber(body, "temperature", config, "temperature");
        CopyNumber(body, "top_p", config, "topP");
        CopyNumber(body, "seed", config, "seed");
        CopyNumber(body, "presence_penalty", config, "presencePenalty");
        CopyNumber(body, "frequency_penalty", config, "frequencyPenalty");
        if (GeminiNodes.Int(body["n"]) is { } n and not 1)
        {
            config["candidateCount"] = n;
        }

        if (StopSequences(body["stop"]) is { } stop)
        {
            config["stopSequences"] = stop;
        }

        WriteResponseFormat(body["response_format"], config);
        RefuseUntranslatable(body);
        return config.Count == 0 ? null : config;
    }

    private static void CopyNumber(JsonObject body, string from, JsonObject config, string to)
    {
        if (!body.TryGetPropertyValue(from, out var value) || value is null)
        {
            return;
        }

        if (value.GetValueKind() != JsonValueKind.Number)
        {
            throw new UnsupportedRequestException($"{from} must be a number.");
        }

        config[to] = value.DeepClone();
    }

    private static JsonArray? StopSequences(JsonNode? stop)
    {
        if (stop is null)
        {
            return null;
        }

        if (GeminiNodes.String(stop) is { } single)
        {
            return [single];
        }

        if (stop is JsonArray array && array.All(s => GeminiNodes.String(s) is not null))
        {
            return array.Count == 0 ? null : new JsonArray(array.Select(s => (JsonNode?)GeminiNodes.String(s)).ToArray());
        }

        throw new UnsupportedRequestException("stop must be a string or an array of strings.");
    }

    /// <summary><c>json_object</c> asks for JSON; <c>json_schema</c> also passes the schema (Gemini's <c>responseJsonSchema</c>).</summary>
    private static void WriteResponseFormat(JsonNode? format, JsonObject config)
    {
        if (format is null)
        {
            return;
        }

        var type = format is JsonObject formatObject ? GeminiNodes.String(formatObject["type"]) : null;
        switch (type)
        {
            case "text":
                return;
            case "json_object":
                config["responseMimeType"] = "application/json";
                return;
            case "json_schema" when format["json_schema"] is JsonObject jsonSchema:
                config["responseMimeType"] = "application/json";
                if (jsonSchema["schema"] is JsonObject schema)
                {
                    config["responseJsonSchema"] = schema.DeepClone();
                }

                return;
            default:
                throw new UnsupportedRequestException("response_format must be text, json_object or json_schema on Gemini deployments.");
        }
    }

    private static void RefuseUntranslatable(JsonObject body)
    {
        if (GeminiNodes.Bool(body["logprobs"]) == true)
        {
            throw new UnsupportedRequestException("logprobs are not supported on Gemini deployments.");
        }

        if (GeminiNodes.Has(body, "audio") || (body["modalities"] is JsonArray modalities && modalities.Any(m => GeminiNodes.String(m) == "audio")))
        {
            throw new UnsupportedRequestException("Audio output is not supported on Gemini deployments.");
        }
    }
}
