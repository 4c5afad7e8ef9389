using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Gemini;

/// <summary>
/// An OpenAI embeddings body as a Gemini <c>batchEmbedContents</c> request: one request per input text, each naming
/// the model as <c>models/{model}</c> (Gemini checks it matches the URL's). Token-array inputs are refused: Gemini
/// embeds text only, and the tokens of another tokenizer mean nothing to it.
/// </summary>
internal static class GeminiEmbeddingsWriter
{
    public static byte[] Write(JsonObject body, string model)
    {
        var texts = Texts(body["input"]);
        var dimensions = GeminiNodes.Int(body["dimensions"]);
        var requests = new JsonArray();
        foreach (var text in texts)
        {
            var request = new JsonObject
            {
                ["model"] = $"models/{model}",
                ["content"] = new JsonObject { ["parts"] = new JsonArray(GeminiPartsWriter.TextPart(text)) },
            };
            if (dimensions is { } outputDimensionality)
            {
                request["outputDimensionality"] = outputDimensionality;
            }

            requests.Add(request);
        }

        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["requests"] = requests });
    }

    /// <summary>True when the client asked for base64 vectors (the OpenAI SDKs' default), which the reader then encodes.</summary>
    public static bool WantsBase64(JsonObject body) => GeminiNodes.String(body["encoding_format"]) == "base64";

    private static List<string> Texts(JsonNode? input)
    {
        if (GeminiNodes.String(input) is { } single)
        {
            return [single];
        }

        if (input is JsonArray array && array.Count > 0)
        {
            var texts = new List<string>(array.Count);
            foreach (var item in array)
            {
                texts.Add(GeminiNodes.String(item)
                    ?? throw new UnsupportedRequestException("Gemini deployments embed text only: input must be a string or an array of strings, not tokens."));
            }

            return texts;
        }

        throw new UnsupportedRequestException("Gemini deployments embed text only: input must be a string or an array of strings, not tokens.");
    }
}
