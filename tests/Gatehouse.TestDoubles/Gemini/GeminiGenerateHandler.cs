using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.TestDoubles.Gemini;

/// <summary>
/// <c>models/{model}:generateContent</c> and <c>:streamGenerateContent</c>: the scenario the model names, as one JSON
/// object or as a stream of partial responses.
/// </summary>
internal sealed class GeminiGenerateHandler(FakeGeminiOptions options)
{
    public async Task HandleAsync(HttpContext ctx, string model, JsonElement root, GeminiAnswerFraming framing, CancellationToken ct)
    {
        if (!GeminiGenerateRequest.TryParse(root, out var request, out var error))
        {
            await GeminiErrorBodies.WriteInvalidArgumentAsync(ctx, error, ct);
            return;
        }

        if (model.StartsWith("fail-", StringComparison.Ordinal)
            && int.TryParse(model.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 400 and <= 599)
        {
            await GeminiErrorBodies.WriteSimulatedFailureAsync(ctx, status, model, options, ct);
            return;
        }

        var json = new GeminiAnswerJson(model, ResponseId(), request.PromptTokens, request.CandidateCount);
        var pieces = Compose(model, request, json, framing != GeminiAnswerFraming.Json);
        var response = ctx.Response;
        response.StatusCode = StatusCodes.Status200OK;
        if (framing == GeminiAnswerFraming.Json)
        {
            response.ContentType = "application/json; charset=UTF-8";
            response.ContentLength = pieces[0].Length;
            await response.Body.WriteAsync(pieces[0], ct);
            return;
        }

        response.ContentType = framing == GeminiAnswerFraming.ServerSentEvents ? "text/event-stream" : "application/json; charset=UTF-8";
        response.Headers.CacheControl = "no-cache";
        for (var i = 0; i < pieces.Length; i++)
        {
            await WritePieceAsync(response, pieces[i], framing, first: i == 0, ct);
            if (i == 0 && model == "abort-stream")
            {
                // Let the client read the first event before the reset, so it sees "died midway", not "never answered".
                await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
                ServerAbort.Abort(ctx);
                return;
            }
        }

        if (framing == GeminiAnswerFraming.JsonArray)
        {
            response.BodyWriter.Write("]"u8);
            await response.BodyWriter.FlushAsync(ct);
        }
    }

    /// <summary>The whole answer (one object) or its streamed pieces.</summary>
    private byte[][] Compose(string model, GeminiGenerateRequest request, GeminiAnswerJson json, bool stream)
    {
        if (model == "blocked")
            return [json.Blocked()];

        if (model == "tool" && request.FirstFunctionName is { } function && request.LastFunctionResponses.Count == 0)
        {
            var args = JsonSerializer.Serialize(new { input = request.LastUserText });
            return [json.Piece(null, (function, args), "STOP", 8)];
        }

        var reply = request.LastFunctionResponses.Count > 0
            ? "The tool said: " + string.Join(" ", request.LastFunctionResponses.Select(r => $"{r.Name} {r.Response}"))
            : "You said: " + request.LastUserText;
        var text = ChatReply.Cut(reply, request.MaxOutputTokens, out var cut);
        var finish = cut ? "MAX_TOKENS" : "STOP";
        if (!stream)
            return [json.Piece(text, null, finish, ChatReply.CountWords(text))];

        var words = Math.Max(ChatReply.CountWords(text), 1);
        var chunks = ChatReply.SplitIntoChunks(text, Math.Min(options.StreamChunks, words));
        var pieces = new List<byte[]>();
        var sent = 0;
        for (var i = 0; i < chunks.Length; i++)
        {
            sent += ChatReply.CountWords(chunks[i]);
            if (model == "stream-error" && i == 1)
            {
                pieces.Add(JsonResponse.Build(w => GeminiErrorBodies.WriteEnvelope(w, 503, "UNAVAILABLE", "The model is overloaded. Please try again later.", null)));
                break;
            }
            pieces.Add(json.Piece(chunks[i], null, i == chunks.Length - 1 ? finish : null, sent));
        }

        return [.. pieces];
    }

    /// <summary>SSE: <c>data: {json}</c> and a blank line, CRLF as Google sends them. JSON array: the objects comma-separated in <c>[...]</c>.</summary>
    private static async Task WritePieceAsync(HttpResponse response, byte[] piece, GeminiAnswerFraming framing, bool first, CancellationToken ct)
    {
        var pipe = response.BodyWriter;
        if (framing == GeminiAnswerFraming.ServerSentEvents)
        {
            pipe.Write("data: "u8);
            pipe.Write(piece);
            pipe.Write("\r\n\r\n"u8);
        }
        else
        {
            pipe.Write(first ? "["u8 : ",\r\n"u8);
            pipe.Write(piece);
        }
        await pipe.FlushAsync(ct);
    }

    private static string ResponseId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', 'x').Replace('/', 'y');
}
