using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Providers.Anthropic;

/// <summary>
/// Writes the Messages API body for an OpenAI chat request. Reads the client's tree without changing it (other stages
/// share it); copies what it keeps. Fields Anthropic has no use for (seed, penalties, logit_bias, store...) are left
/// out; fields whose absence would change the answer the client expects are refused (<see cref="AnthropicUnsupported"/>).
/// </summary>
internal static class AnthropicRequestWriter
{
    /// <summary>Anthropic requires <c>max_tokens</c>; OpenAI clients often send none.</summary>
    public const int DefaultMaxTokens = 4096;

    public static byte[] WriteBody(ProviderRequest request, string model)
    {
        if (request.Operation != ProviderOperation.ChatCompletions)
        {
            throw AnthropicUnsupported.Because("embeddings (it has no embeddings API); route this alias to an embeddings provider");
        }

        var body = request.Body;
        AnthropicUnsupported.Check(body);
        var (system, turns) = AnthropicMessageTranslator.Translate(body["messages"]);

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            WriteMaxTokens(writer, body);
            if (system is not null)
            {
                writer.WriteString("system", system);
            }

            WriteMessages(writer, turns);
            AnthropicToolsWriter.WriteTools(writer, body["tools"]);
            AnthropicToolsWriter.WriteToolChoice(writer, body["tool_choice"], body["parallel_tool_calls"]);
            WriteStop(writer, body["stop"]);
            foreach (var name in (ReadOnlySpan<string>)["temperature", "top_p", "top_k"])
            {
                if (!AnthropicJson.IsNull(body[name]))
                {
                    AnthropicJson.Write(writer, name, body[name]!);
                }
            }

            WriteMetadata(writer, body);
            if (request.Stream)
            {
                writer.WriteBoolean("stream", true);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteMaxTokens(Utf8JsonWriter writer, JsonObject body)
    {
        var given = AnthropicJson.IsNull(body["max_completion_tokens"]) ? body["max_tokens"] : body["max_completion_tokens"];
        if (AnthropicJson.IsNull(given))
        {
            writer.WriteNumber("max_tokens", DefaultMaxTokens);
        }
        else
        {
            AnthropicJson.Write(writer, "max_tokens", given!); // a bad value is Anthropic's to reject, in its words
        }
    }

    private static void WriteMessages(Utf8JsonWriter writer, List<AnthropicTurn> turns)
    {
        writer.WriteStartArray("messages");
        foreach (var turn in turns)
        {
            writer.WriteStartObject();
            writer.WriteString("role", turn.Role);
            writer.WritePropertyName("content");
            if (turn.Blocks is [{ } only] && AnthropicJson.String(only["type"]) == "text")
            {
                writer.WriteStringValue(AnthropicJson.String(only["text"])); // the plain form, as clients write it
            }
            else if (turn.Blocks.Count == 0)
            {
                writer.WriteStringValue("");
            }
            else
            {
                writer.WriteStartArray();
                foreach (var block in turn.Blocks)
                {
                    block.WriteTo(writer);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteStop(Utf8JsonWriter writer, JsonNode? stop)
    {
        if (AnthropicJson.String(stop) is { } single)
        {
            writer.WriteStartArray("stop_sequences");
            writer.WriteStringValue(single);
            writer.WriteEndArray();
        }
        else if (stop is JsonArray many && many.Count > 0)
        {
            AnthropicJson.Write(writer, "stop_sequences", many);
        }
    }

    /// <summary>OpenAI's end-user id (<c>user</c>, or its successor <c>safety_identifier</c>) is Anthropic's <c>metadata.user_id</c>.</summary>
    private static void WriteMetadata(Utf8JsonWriter writer, JsonObject body)
    {
        if ((AnthropicJson.String(body["safety_identifier"]) ?? AnthropicJson.String(body["user"])) is { Length: > 0 } user)
        {
            writer.WriteStartObject("metadata");
            writer.WriteString("user_id", user);
            writer.WriteEndObject();
        }
    }
}
