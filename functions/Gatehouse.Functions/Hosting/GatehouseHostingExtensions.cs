using Gatehouse.Admin;
using Gatehouse.Configuration;
using Gatehouse.Errors;
using Gatehouse.Http;
using Gatehouse.Proxy;
using Gatehouse.Proxy.Stages;
using Gatehouse.Workers;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Gatehouse.Hosting;

public static class GatehouseHostingExtensions
{
    /// <summary>Everything the executable serves, in either host.</summary>
    public static WebApplicationBuilder AddGatehouse(this WebApplicationBuilder builder)
    {
        // Resolved from the final configuration when first needed; registration must not depend on settings.
        builder.Services.AddSingleton(sp => HostingMode.From(sp.GetRequiredService<IConfiguration>()));
        ConfigureKestrel(builder);

        builder.Services.AddGatehouseCore(builder.Configuration);
        builder.Services.AddGatehouseWorkers();
        builder.Services.AddSingleton<JsonBodyReader>();
        AddAdmin(builder.Services);
        builder.Services.AddSingleton<AuthenticateStage>();
        builder.Services.AddSingleton<ReadRequestStage>();
        builder.Services.AddSingleton<RouteStage>();
        builder.Services.AddSingleton<RateLimitStage>();
        builder.Services.AddSingleton<InputGuardrailStage>();
        builder.Services.AddSingleton<BudgetStage>();
        builder.Services.AddSingleton<UsageStage>();
        builder.Services.AddSingleton<ForwardStage>();
        builder.Services.AddSingleton<OutputGuardrails>();
        builder.Services.AddSingleton<AuditStage>();
        builder.Services.AddSingleton<AuditBodyBuilder>();
        builder.Services.AddSingleton<ProxyPipeline>();

        builder.Services.AddHostedService<QueuePollingService>();
        return builder;
    }

    private static void AddAdmin(IServiceCollection services)
    {
        services.AddSingleton<AdminBodyReader>();
        services.AddSingleton<AdminAuthenticator>();
        services.AddSingleton<AdminAuthenticationFilter>();
        services.AddSingleton<AdminAuditFilter>();
        services.ConfigureHttpJsonOptions(json => AdminJson.Configure(json.SerializerOptions));
        services.AddOpenApi(openApi =>
        {
            openApi.ShouldInclude = description => description.RelativePath?.StartsWith("admin/", StringComparison.Ordinal) == true;
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Gatehouse admin API";
                document.Info.Description = "Tenants, app keys, admin keys and key requests. Authenticate with an admin key or an Entra ID token as 'Authorization: Bearer ...'.";
                return Task.CompletedTask;
            });
        });
    }

    /// <summary>Middleware shared by every endpoint: request ids, and the OpenAI error shape for every failure.</summary>
    public static WebApplication UseGatehouse(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorResponses.WriteExceptionAsync });
        app.UseStatusCodePages(ErrorResponses.WriteStatusCodeAsync);
        return app;
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatehouseOptions>>((kestrel, options) =>
        {
            kestrel.AddServerHeader = false;
            // JsonBodyReader enforces the real limit and answers 413. Kestrel's own cap sits higher so that it can
            // drain a moderately oversized body afterwards and the client reads a clean 413, not a reset connection.
            kestrel.Limits.MaxRequestBodySize = Math.Max(4L * options.Value.Server.MaxRequestBodyBytes, 16L * 1024 * 1024);
            kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
        });

        // The listen address is the one setting needed before the host exists; the Functions host passes it by environment.
        var server = builder.Configuration.GetSection($"{GatehouseOptions.SectionName}:Server").Get<ServerOptions>() ?? new ServerOptions();
        if (HostingMode.From(builder.Configuration).CustomHandlerPort is { } port)
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
