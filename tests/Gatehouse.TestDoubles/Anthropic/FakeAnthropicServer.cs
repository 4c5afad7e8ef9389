using System.Net;
using Gatehouse.TestDoubles.OpenAI;
using Microsoft.Extensions.Logging.Console;

namespace Gatehouse.TestDoubles.Anthropic;

/// <summary>
/// A local fake of the Anthropic Messages API speaking the real wire format (bodies, named SSE events, error envelope,
/// <c>x-api-key</c> and <c>anthropic-version</c> checks), on 127.0.0.1 only. The request's model picks a scenario
/// (<see cref="MessagesHandler"/>). Smaller than the OpenAI fake: no holds, delays or embeddings.
/// </summary>
public sealed class FakeAnthropicServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RequestJournal _journal;
    private int _disposed;

    private FakeAnthropicServer(WebApplication app, RequestJournal journal, Uri baseUrl)
    {
        _app = app;
        _journal = journal;
        BaseUrl = baseUrl;
    }

    /// <summary>The base URL, like <c>https://api.anthropic.com/v1</c>: e.g. <c>http://127.0.0.1:40123/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Every request received so far, in arrival order (recorded before it was answered).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _journal.Snapshot();

    public static async Task<FakeAnthropicServer> StartAsync(FakeAnthropicOptions? options = null, int port = 0, CancellationToken ct = default)
    {
        options ??= new FakeAnthropicOptions();
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);

        // The empty builder reads no appsettings.json or ASPNETCORE_* variables, so nothing can move where it listens.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeAnthropicServer).Assembly.GetName().Name,
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
            var journal = new RequestJournal();
            app.Run(new FakeAnthropicPipeline(options, journal, app.Lifetime.ApplicationStopping).InvokeAsync);
            await app.StartAsync(ct);
            return new FakeAnthropicServer(app, journal, new Uri(app.Urls.Single().TrimEnd('/') + "/v1"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public void ClearRequests() => _journal.Clear();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
