using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Configuration;
using Gatehouse.Errors;
using Microsoft.Extensions.Options;

namespace Gatehouse.Http;

/// <summary>
/// Reads a request body as one JSON object, never more than the configured limit (413 beyond it, checked on
/// Content-Length first and again while reading, for chunked bodies).
/// </summary>
public sealed class JsonBodyReader(IOptions<GatehouseOptions> options)
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, AllowTrailingCommas = false };

    private readonly int _limit = options.Value.Server.MaxRequestBodyBytes;

    public async Task<(JsonObject? Body, GatewayError? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > _limit)
        {
            return (null, GatewayErrors.RequestTooLarge(_limit));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(_limit + 1, (int?)request.ContentLength + 1 ?? 16 * 1024));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > _limit)
                    {
                        return (null, GatewayErrors.RequestTooLarge(_limit));
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_limit + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return length > _limit ? (null, GatewayErrors.RequestTooLarge(_limit)) : Parse(buffer.AsSpan(0, length));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, GatewayErrors.RequestTooLarge(_limit));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (JsonObject?, GatewayError?) Parse(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return (null, GatewayErrors.InvalidJson("the body is empty."));
        }

        try
        {
            return JsonNode.Parse(json, NodeOptions, DocumentOptions) is JsonObject body
                ? (body, null)
                : (null, GatewayErrors.InvalidJson("expected a JSON object."));
        }
        catch (JsonException e)
        {
            // JsonException's message names the position, never the content.
            return (null, GatewayErrors.InvalidJson(e.Message));
        }
        catch (ArgumentException)
        {
            return (null, GatewayErrors.InvalidJson("a property name appears twice."));
        }
    }
}
