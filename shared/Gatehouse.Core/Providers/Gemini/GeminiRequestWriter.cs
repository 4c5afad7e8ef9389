using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Gemini;

/// <summary>
/// An OpenAI chat completion body as a Gemini <c>GenerateContentRequest</c>, built as new nodes: the client's body is
/// shared with other stages and is never changed. Fields Gemini has no use for (<c>user</c>, <c>metadata</c>,
/// <c>stream_options</c>, <c>parallel_tool_calls</c>...) are left out; fields it cannot honour are refused.
/// </summary>
internal static class GeminiRequestWriter
{
    public static byte[] WriteChat(JsonObject body, string model)
    {
        if (body["messages"] is not JsonArray messages)
        {
            throw new UnsupportedRequestException("messages must be an array.");
        }

        var (contents, systemInstruction) = GeminiContentsWriter.Write(messages, GeminiThoughtSignatures.ReplayedCallsNeedOne(model));
        var request = new JsonObject { ["contents"] = contents };
        if (systemInstruction is not null)
        {
            request["systemInstruction"] = systemInstruction;
        }

        if (GeminiToolsWriter.Tools(body["tools"]) is { } tools)
        {
            request["tools"] = tools;
        }

        if (GeminiToolsWriter.ToolConfig(body["tool_choice"]) is { } toolConfig)
        {
            request["toolConfig"] = toolConfig;
        }

        if (GeminiGenerationConfigWriter.Write(body) is { } generationConfig)
        {
            request["generationConfig"] = generationConfig;
        }

        return JsonSerializer.SerializeToUtf8Bytes(request);
    }
}
