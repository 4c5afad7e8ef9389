using System.Text.Json;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.Gemini;

/// <summary>
/// <c>GenerateContentResponse</c> objects for one answer: the whole answer, or one streamed piece of it (Gemini streams
/// partial responses of the same shape; <c>usageMetadata</c> is cumulative, the last piece carries the finish reason).
/// </summary>
internal sealed class GeminiAnswerJson(string model, string responseId, int promptTokens, int candidateCount)
{
    /// <summary>A piece with text or one function call, on every candidate alike.</summary>
    public byte[] Piece(string? text, (string Name, string ArgsJson)? call, string? finishReason, int candidatesTokens) => JsonResponse.Build(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("candidates"u8);
        for (var index = 0; index < candidateCount; index++)
        {
            w.WriteStartObject();
            w.WriteStartObject("content"u8);
            w.WriteStartArray("parts"u8);
            w.WriteStartObject();
            if (call is { } functionCall)
            {
                w.WriteStartObject("functionCall"u8);
                w.WriteString("name"u8, functionCall.Name);
                w.WritePropertyName("args"u8);
                w.WriteRawValue(functionCall.ArgsJson);
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("text"u8, text ?? "");
            }
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("role"u8, "model");
            w.WriteEndObject();
            if (finishReason is not null)
                w.WriteString("finishReason"u8, finishReason);
            w.WriteNumber("index"u8, index);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteUsage(w, candidatesTokens * candidateCount);
        WriteIdentity(w);
        w.WriteEndObject();
    });

    /// <summary>A prompt refused before any candidate was made.</summary>
    public byte[] Blocked() => JsonResponse.Build(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("promptFeedback"u8);
        w.WriteString("blockReason"u8, "SAFETY");
        w.WriteStartArray("safetyRatings"u8);
        foreach (var (category, probability) in new[]
                 {
                     ("HARM_CATEGORY_SEXUALLY_EXPLICIT", "NEGLIGIBLE"), ("HARM_CATEGORY_HATE_SPEECH", "NEGLIGIBLE"),
                     ("HARM_CATEGORY_HARASSMENT", "NEGLIGIBLE"), ("HARM_CATEGORY_DANGEROUS_CONTENT", "HIGH"),
                 })
        {
            w.WriteStartObject();
            w.WriteString("category"u8, category);
            w.WriteString("probability"u8, probability);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        WriteUsage(w, 0);
        WriteIdentity(w);
        w.WriteEndObject();
    });

    private void WriteUsage(Utf8JsonWriter w, int candidatesTokens)
    {
        w.WriteStartObject("usageMetadata"u8);
        w.WriteNumber("promptTokenCount"u8, promptTokens);
        if (candidatesTokens > 0)
            w.WriteNumber("candidatesTokenCount"u8, candidatesTokens); // Gemini leaves out zero counts
        w.WriteNumber("totalTokenCount"u8, promptTokens + candidatesTokens);
        w.WriteStartArray("promptTokensDetails"u8);
        w.WriteStartObject();
        w.WriteString("modality"u8, "TEXT");
        w.WriteNumber("tokenCount"u8, promptTokens);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void WriteIdentity(Utf8JsonWriter w)
    {
        w.WriteString("modelVersion"u8, model);
        w.WriteString("responseId"u8, responseId);
    }
}
