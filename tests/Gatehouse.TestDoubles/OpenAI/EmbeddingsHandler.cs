using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.TestDoubles.OpenAI;

/// <summary><c>POST /v1/embeddings</c>: one deterministic vector per input, as floats or base64.</summary>
internal sealed class EmbeddingsHandler(FakeServerState state)
{
    public async Task HandleAsync(HttpContext ctx, JsonElement root, CancellationToken ct)
    {
        var holdTicket = state.Hold.TakeTicket();
        if (!EmbeddingsRequest.TryParse(root, out var request, out var error))
        {
            await OpenAIErrorBodies.WriteBadRequestAsync(ctx, error, ct);
            return;
        }

        var scenario = FakeScenario.FromModel(request.Model);
        if (!await ScenarioSteps.BeforeAnswerAsync(ctx, scenario, request.Model, streaming: false, holdTicket, state, ct))
            return;

        await JsonResponse.WriteAsync(ctx, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("object"u8, "list"u8);
            w.WriteStartArray("data"u8);
            for (var i = 0; i < request.Seeds.Count; i++)
            {
                var vector = EmbeddingVectors.For(request.Seeds[i], request.Dimensions);
                w.WriteStartObject();
                w.WriteString("object"u8, "embedding"u8);
                w.WriteNumber("index"u8, i);
                if (request.Base64)
                {
                    w.WriteString("embedding"u8, EmbeddingVectors.ToBase64(vector));
                }
                else
                {
                    w.WriteStartArray("embedding"u8);
                    foreach (var value in vector)
                        w.WriteNumberValue(value);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("model"u8, request.Model);
            w.WriteStartObject("usage"u8);
            w.WriteNumber("prompt_tokens"u8, request.PromptTokens);
            w.WriteNumber("total_tokens"u8, request.PromptTokens);
            w.WriteEndObject();
            w.WriteEndObject();
        }, ct);
    }
}
