using Gatehouse.Errors;
using Gatehouse.Providers;
using Gatehouse.Routing;

namespace Gatehouse.Proxy.Stages;

/// <summary>Resolves the alias to a route, checks the key may use it, and orders its deployments for this request.</summary>
internal sealed class RouteStage(ModelCatalog catalog, DeploymentPlanner planner) : IProxyStage
{
    public ValueTask<GatewayError?> RunAsync(ProxyContext context) => ValueTask.FromResult(Route(context));

    private GatewayError? Route(ProxyContext context)
    {
        var alias = context.ModelAlias!;
        if (!catalog.TryGetRoute(alias, out var route))
        {
            return GatewayErrors.ModelNotFound(alias);
        }

        if (!context.Key!.AllowsModel(alias))
        {
            return GatewayErrors.ModelNotAllowed(alias);
        }

        if (!route.Serves(context.Operation))
        {
            return GatewayErrors.OperationNotSupported(alias, context.Operation == ProviderOperation.Embeddings ? "embeddings" : "chat completions");
        }

        context.Route = route;
        context.Plan = planner.Plan(route);
        context.Deployment = context.Plan[0];
        return null;
    }
}
