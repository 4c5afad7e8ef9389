using System.Net;
using Gatehouse.TestDoubles.OpenAI;
using Microsoft.Extensions.Logging.Console;

namespace Gatehouse.TestDoubles.Hosting;

/// <summary>
/// Kestrel on 127.0.0.1 only (never all interfaces) running one request delegate: the shell every provider double
/// runs in. Logs warnings and errors only, to stderr; stopping cuts open requests off rather than waiting for them.
/// </summary>
internal sealed class LoopbackHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private LoopbackHost(WebApplication app)
    {
        _app = app;
        Address = new Uri(app.Urls.Single().TrimEnd('/'));
    }

    /// <summary>e.g. <c>http://127.0.0.1:40123</c>, without a trailing slash.</summary>
    public Uri Address { get; }

    /// <param name="port">0 picks a free port.</param>
    /// <param name="pipeline">Builds the request delegate; it gets the token that fires when the host stops.</param>
    public static async Task<LoopbackHost> StartAsync(int port, Func<CancellationToken, RequestDelegate> pipeline, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);

        // The empty builder reads no appsettings.json and no ASPNETCORE_* variables: whatever the test process has
        // lying around (a gateway's Kestrel endpoints, ASPNETCORE_URLS) cannot change where the double listens.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LoopbackHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        try
        {
            app.Run(pipeline(app.Lifetime.ApplicationStopping));
            await app.StartAsync(ct);
            return new LoopbackHost(app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
