using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Gemini;

/// <summary>
/// A Gemini <c>GenerateContentResponse</c> as an OpenAI <c>chat.completion</c>: one choice per candidate, its text
/// parts joined, its function calls as <c>tool_calls</c>. A prompt Gemini blocked outright (no candidates, a
/// <c>promptFeedback.blockReason</c>) is an answer with empty content and <c>finish_reason</c> content_filter, as
/// OpenAI reports a filtered completion.
/// </summary>
internal static class GeminiResponseReader
{
    public static JsonObject ReadChat(JsonObject answer, string id, long created, string model)
    {
        var choices = new JsonArray();
        var candidates = GeminiCandidateContent.ReadAll(answer);
        foreach (var candidate in candidates)
        {
            choices.Add(Choice(candidate));
        }

        if (candidates.Count == 0)
        {
            if (GeminiCandidateContent.BlockReason(answer) is null)
            {
                throw new JsonException("The Gemini answer has neither candidates nor a block reason.");
            }

            choices.Add(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "" },
                ["finish_reason"] = GeminiFinishReasons.ContentFilter,
            });
        }

        var completion = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = created,
            ["model"] = model,
            ["choices"] = choices,
        };
        if (GeminiUsage.ToOpenAI(answer["usageMetadata"]) is { } usage)
        {
            completion["usage"] = usage;
        }

        return completion;
    }

    private static JsonObject Choice(GeminiCandidateContent candidate)
    {
        var calledFunctions = candidate.Calls.Count > 0;
        var message = new JsonObject
        {
            ["role"] = "assistant",
            // OpenAI's convention: a turn that only calls tools has null content.
            ["content"] = calledFunctions && candidate.Text.Length == 0 ? null : candidate.Text,
        };
        if (calledFunctions)
        {
            var toolCalls = new JsonArray();
            for (var i = 0; i < candidate.Calls.Count; i++)
            {
                var call = candidate.Calls[i];
                toolCalls.Add(new JsonObject
                {
                    ["id"] = call.CallId(i),
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
                });
            }

            message["tool_calls"] = toolCalls;
        }

        return new JsonObject
        {
            ["index"] = candidate.Index,
            ["message"] = message,
            ["finish_reason"] = GeminiFinishReasons.ToOpenAI(candidate.FinishReason, calledFunctions),
        };
    }
}
