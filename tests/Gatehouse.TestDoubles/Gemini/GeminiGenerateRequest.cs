using System.Text.Json;

namespace Gatehouse.TestDoubles.Gemini;

/// <summary>
/// The parts of a <c>GenerateContentRequest</c> the fake answers from, checked the way Google checks them: unknown
/// fields are rejected by name (so an OpenAI field leaking through fails as it would upstream), contents must be
/// non-empty with roles <c>user</c>/<c>model</c>, and bytes fields must be base64.
/// </summary>
internal sealed class GeminiGenerateRequest
{
    private static readonly HashSet<string> TopLevelFields =
    [
        "contents", "systemInstruction", "system_instruction", "tools", "toolConfig", "tool_config",
        "safetySettings", "safety_settings", "generationConfig", "generation_config", "cachedContent", "cached_content",
    ];

    private static readonly HashSet<string> GenerationConfigFields =
    [
        "stopSequences", "responseMimeType", "responseSchema", "responseJsonSchema", "responseModalities", "candidateCount",
        "maxOutputTokens", "temperature", "topP", "topK", "seed", "presencePenalty", "frequencyPenalty", "responseLogprobs",
        "logprobs", "enableEnhancedCivicAnswers", "speechConfig", "thinkingConfig", "mediaResolution",
    ];

    private static readonly HashSet<string> PartFields =
        ["text", "inlineData", "fileData", "functionCall", "functionResponse", "thought", "thoughtSignature", "executableCode", "codeExecutionResult"];

    public string LastUserText { get; private set; } = "";

    /// <summary>The function responses of the last turn, as (name, response JSON).</summary>
    public List<(string Name, string Response)> LastFunctionResponses { get; } = [];

    public string? FirstFunctionName { get; private set; }

    public int? MaxOutputTokens { get; private set; }

    public int CandidateCount { get; private set; } = 1;

    public int PromptTokens { get; private set; }

    public static bool TryParse(JsonElement root, out GeminiGenerateRequest request, out string error)
    {
        request = new GeminiGenerateRequest();
        error = request.Read(root) ?? "";
        return error.Length == 0;
    }

    private string? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return "Invalid JSON payload received. Expected an object.";
        foreach (var field in root.EnumerateObject())
        {
            if (!TopLevelFields.Contains(field.Name))
                return $"Invalid JSON payload received. Unknown name \"{field.Name}\": Cannot find field.";
        }

        if (!root.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Array || contents.GetArrayLength() == 0)
            return "* GenerateContentRequest.contents: contents is not specified\n";

        var words = 0;
        var index = 0;
        foreach (var content in contents.EnumerateArray())
        {
            var role = content.TryGetProperty("role", out var r) ? r.GetString() : "user";
            if (role is not ("user" or "model"))
                return "Please use a valid role: user, model.";
            if (!content.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Array || parts.GetArrayLength() == 0)
                return $"* GenerateContentRequest.contents[{index}].parts: contents.parts must not be empty.\n";
            if (ReadParts(parts, index, role == "user", ref words) is { } partError)
                return partError;
            index++;
        }

        if (root.TryGetProperty("systemInstruction", out var system) && system.TryGetProperty("parts", out var systemParts))
        {
            foreach (var part in systemParts.EnumerateArray())
                words += part.TryGetProperty("text", out var text) ? CountWords(text.GetString()) : 0;
        }

        PromptTokens = Math.Max(words, 1);
        return ReadTools(root) ?? ReadGenerationConfig(root);
    }

    private string? ReadParts(JsonElement parts, int contentIndex, bool isUser, ref int words)
    {
        var texts = new List<string>();
        var responses = new List<(string, string)>();
        var partIndex = 0;
        foreach (var part in parts.EnumerateArray())
        {
            foreach (var field in part.EnumerateObject())
            {
                if (!PartFields.Contains(field.Name))
                    return $"Invalid JSON payload received. Unknown name \"{field.Name}\" at 'contents[{contentIndex}].parts[{partIndex}]': Cannot find field.";
            }

            if (part.TryGetProperty("text", out var text))
            {
                texts.Add(text.GetString() ?? "");
                words += CountWords(text.GetString());
            }
            else if (part.TryGetProperty("inlineData", out var inline))
            {
                if (!inline.TryGetProperty("mimeType", out _) || !inline.TryGetProperty("data", out var data) || !IsBase64(data.GetString()))
                    return $"Invalid value at 'contents[{contentIndex}].parts[{partIndex}].inline_data.data' (TYPE_BYTES), Base64 decoding failed";
                words += 258; // Gemini counts an image as 258 tokens
            }
            else if (part.TryGetProperty("functionCall", out var call))
            {
                if (!call.TryGetProperty("name", out _) || (call.TryGetProperty("args", out var args) && args.ValueKind != JsonValueKind.Object))
                    return $"* GenerateContentRequest.contents[{contentIndex}].parts[{partIndex}].function_call: name and an args object are required.\n";
            }
            else if (part.TryGetProperty("functionResponse", out var response))
            {
                if (!response.TryGetProperty("name", out var name) || !response.TryGetProperty("response", out var result) || result.ValueKind != JsonValueKind.Object)
                    return $"* GenerateContentRequest.contents[{contentIndex}].parts[{partIndex}].function_response: name and a response object are required.\n";
                responses.Add((name.GetString() ?? "", result.GetRawText()));
            }

            if (part.TryGetProperty("thoughtSignature", out var signature) && !IsBase64(signature.GetString()))
                return $"Invalid value at 'contents[{contentIndex}].parts[{partIndex}].thought_signature' (TYPE_BYTES), Base64 decoding failed";
            partIndex++;
        }

        if (isUser)
        {
            // The answer is about the last turn: its text, or the function results it carries.
            LastUserText = string.Join(" ", texts);
            LastFunctionResponses.Clear();
            LastFunctionResponses.AddRange(responses);
        }

        return null;
    }

    private string? ReadTools(JsonElement root)
    {
        if (!root.TryGetProperty("tools", out var tools))
            return null;
        foreach (var tool in tools.EnumerateArray())
        {
            if (!tool.TryGetProperty("functionDeclarations", out var declarations))
                continue;
            foreach (var declaration in declarations.EnumerateArray())
            {
                if (!declaration.TryGetProperty("name", out var name))
                    return "* GenerateContentRequest.tools[0].function_declarations[0].name: Name cannot be empty.\n";
                if (declaration.TryGetProperty("parameters", out _) && declaration.TryGetProperty("parametersJsonSchema", out _))
                    return "* GenerateContentRequest.tools[0].function_declarations[0]: parameters and parameters_json_schema are mutually exclusive.\n";
                FirstFunctionName ??= name.GetString();
            }
        }

        return null;
    }

    private string? ReadGenerationConfig(JsonElement root)
    {
        if (!root.TryGetProperty("generationConfig", out var config))
            return null;
        foreach (var field in config.EnumerateObject())
        {
            if (!GenerationConfigFields.Contains(field.Name))
                return $"Invalid JSON payload received. Unknown name \"{field.Name}\" at 'generation_config': Cannot find field.";
        }

        if (config.TryGetProperty("maxOutputTokens", out var max) && max.TryGetInt32(out var maxTokens))
            MaxOutputTokens = maxTokens;
        if (config.TryGetProperty("candidateCount", out var count) && count.TryGetInt32(out var candidates))
        {
            if (candidates is < 1 or > 8)
                return "* GenerateContentRequest.generation_config.candidate_count: must be between 1 and 8.\n";
            CandidateCount = candidates;
        }

        return null;
    }

    private static int CountWords(string? text) => text?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length ?? 0;

    /// <summary>Protobuf's JSON bytes: standard or URL-safe base64.</summary>
    private static bool IsBase64(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return false;
        var standard = value.Replace('-', '+').Replace('_', '/');
        return Convert.TryFromBase64String(standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '='), new byte[standard.Length], out _);
    }
}
