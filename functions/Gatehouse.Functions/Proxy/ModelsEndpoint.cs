using Gatehouse.Errors;
using Gatehouse.Providers;
using Gatehouse.Proxy.Stages;
using Gatehouse.Routing;

namespace Gatehouse.Proxy;

/// <summary><c>GET /v1/models</c>: the aliases the calling key may use, in OpenAI's list shape. No upstream call.</summary>
internal static class ModelsEndpoint
{
    public static async Task<IResult> ListAsync(HttpContext http, AuthenticateStage authenticate, ModelCatalog catalog, TimeProvider time)
    {
        var context = new ProxyContext(http, ProviderOperation.ChatCompletions, time.GetUtcNow());
        if (await authenticate.RunAsync(context) is { } error)
        {
            return new ErrorResult(error);
        }

        var data = catalog.Aliases.Where(context.Key!.AllowsModel).Select(ModelEntry).ToArray();
        return Results.Json(new { @object = "list", data });
    }

    public static async Task<IResult> GetAsync(string model, HttpContext http, AuthenticateStage authenticate, ModelCatalog catalog, TimeProvider time)
    {
        var context = new ProxyContext(http, ProviderOperation.ChatCompletions, time.GetUtcNow());
        if (await authenticate.RunAsync(context) is { } error)
        {
            return new ErrorResult(error);
        }

        return catalog.TryGetRoute(model, out _) && context.Key!.AllowsModel(model)
            ? Results.Json(ModelEntry(model))
            : new ErrorResult(GatewayErrors.ModelNotFound(model));
    }

    private static object ModelEntry(string alias) => new { id = alias, @object = "model", created = 0, owned_by = "gatehouse" };
}
