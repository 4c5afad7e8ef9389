using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Audit.Bodies;
using Gatehouse.Errors;
using Gatehouse.Http;
using Gatehouse.Providers;
using Microsoft.Extensions.Options;

namespace Gatehouse.Proxy.Stages;

/// <summary>Reads the body (bounded) and checks the fields the gateway relies on; everything else passes through.</summary>
internal sealed class ReadRequestStage(JsonBodyReader reader, IOptions<AuditBodyOptions> bodies) : IProxyStage
{
    public async ValueTask<GatewayError?> RunAsync(ProxyContext context)
    {
        var (body, error) = await reader.ReadAsync(context.Http.Request, context.Aborted);
        if (error is not null)
        {
            return error;
        }

        context.Body = body;
        context.BodyCapture = AuditBodyCapture.Start(bodies.Value, body!);
        return JsonFields.RequireString(body!, "model", out var alias, maxLength: 256)
            ?? (context.Operation == ProviderOperation.Embeddings ? CheckEmbeddings(body!) : CheckChat(body!, context))
            ?? EndUser.Read(context.Http.Request, body!, out var endUser)
            ?? Accept(context, alias, endUser);
    }

    private static GatewayError? Accept(ProxyContext context, string alias, string? endUser)
    {
        context.ModelAlias = alias;
        context.EndUser = endUser;
        return null;
    }

    private static GatewayError? CheckChat(JsonObject body, ProxyContext context)
    {
        if (!body.TryGetPropertyValue("messages", out var messages) || messages is null)
        {
            return GatewayErrors.MissingParameter("messages");
        }

        if (messages is not JsonArray array)
        {
            return GatewayErrors.InvalidType("messages", "an array");
        }

        if (array.Count == 0)
        {
            return GatewayErrors.InvalidValue("messages", "at least one message is required.");
        }

        if (array.Any(m => m is not JsonObject))
        {
            return GatewayErrors.InvalidType("messages", "an array of message objects");
        }

        if (body.TryGetPropertyValue("stream", out var stream) && stream is not null)
        {
            if (stream.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                return GatewayErrors.InvalidType("stream", "a boolean");
            }

            context.Stream = stream.GetValue<bool>();
        }

        return null;
    }

    private static GatewayError? CheckEmbeddings(JsonObject body)
    {
        if (!body.TryGetPropertyValue("input", out var input) || input is null)
        {
            return GatewayErrors.MissingParameter("input");
        }

        return input.GetValueKind() switch
        {
            JsonValueKind.String => null,
            JsonValueKind.Array when input.AsArray().Count > 0 => null,
            JsonValueKind.Array => GatewayErrors.InvalidValue("input", "at least one input is required."),
            _ => GatewayErrors.InvalidType("input", "a string or an array"),
        };
    }
}
