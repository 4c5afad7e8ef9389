using Gatehouse.Providers;

namespace Gatehouse.Proxy;

/// <summary>The OpenAI-compatible surface. An explicit list: anything else is a 404 in the OpenAI error shape.</summary>
public static class ProxyEndpoints
{
    public static IEndpointRouteBuilder MapProxyEndpoints(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/chat/completions", (HttpContext http, ProxyPipeline pipeline) => pipeline.RunAsync(http, ProviderOperation.ChatCompletions));
        v1.MapPost("/embeddings", (HttpContext http, ProxyPipeline pipeline) => pipeline.RunAsync(http, ProviderOperation.Embeddings));
        v1.MapGet("/models", ModelsEndpoint.ListAsync);
        v1.MapGet("/models/{*model}", ModelsEndpoint.GetAsync);

        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        return app;
    }
}
