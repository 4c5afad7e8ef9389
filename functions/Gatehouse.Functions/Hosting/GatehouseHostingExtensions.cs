using Gatehouse.Admin;
using Gatehouse.Configuration;
using Gatehouse.Errors;
using Gatehouse.Http;
using Gatehouse.Proxy;
using Gatehouse.Proxy.Stages;
using Gatehouse.Workers;

namespace Gatehouse.Hosting;

public static class GatehouseHostingExtensions
{
    /// <summary>Everything the executable serves, in either host.</summary>
    public static WebApplicationBuilder AddGatehouse(this WebApplicationBuilder builder)
    {
        var mode = HostingMode.From(builder.Configuration);
        builder.Services.AddSingleton(mode);
        ConfigureKestrel(builder, mode);

        builder.Services.AddGatehouseCore(builder.Configuration);
        builder.Services.AddGatehouseWorkers();
        builder.Services.AddSingleton<JsonBodyReader>();
        builder.Services.AddSingleton<AdminAuthorizationFilter>();
        builder.Services.AddSingleton<AuthenticateStage>();
        builder.Services.AddSingleton<ReadRequestStage>();
        builder.Services.AddSingleton<RouteStage>();
        builder.Services.AddSingleton<ForwardStage>();
        builder.Services.AddSingleton<AuditStage>();
        builder.Services.AddSingleton<ProxyPipeline>();

        var pollQueues = builder.Configuration.GetValue($"{GatehouseOptions.SectionName}:Workers:PollQueues", true);
        if (!mode.IsCustomHandler && pollQueues)
        {
            builder.Services.AddHostedService<QueuePollingService>();
        }

        return builder;
    }

    /// <summary>Middleware shared by every endpoint: request ids, and the OpenAI error shape for every failure.</summary>
    public static WebApplication UseGatehouse(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorResponses.WriteExceptionAsync });
        app.UseStatusCodePages(ErrorResponses.WriteStatusCodeAsync);
        return app;
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder, HostingMode mode)
    {
        var server = builder.Configuration.GetSection($"{GatehouseOptions.SectionName}:Server").Get<ServerOptions>() ?? new ServerOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = server.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
        });

        if (mode.CustomHandlerPort is { } port)
        {
            // The Functions host always calls http://127.0.0.1:{port}; never listen wider than that.
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        else if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(server.Urls);
        }
    }
}
