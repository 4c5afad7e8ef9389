using System.Net;
using Gatehouse.TestDoubles.OpenAI;
using Microsoft.Extensions.Logging.Console;

namespace Gatehouse.TestDoubles.AzureOpenAI;

/// <summary>
/// A local fake of an Azure OpenAI resource on 127.0.0.1, speaking its wire format:
/// <c>POST /openai/deployments/{deployment}/chat/completions|embeddings?api-version=...</c> with an <c>api-key</c> header or
/// an Entra <c>Authorization: Bearer</c> token, answers and streams annotated with content-filter results (a stream
/// opens with Azure's <c>prompt_filter_results</c> chunk), and Azure's error bodies. The deployment name picks a
/// scenario: <c>fail-&lt;status&gt;</c>, <c>filtered</c> (the prompt is refused by the content filter), <c>missing</c>
/// (DeploymentNotFound), <c>abort-stream</c>, <c>tool</c> (calls the request's first tool); any other gets a
/// deterministic answer echoing the last user message.
/// </summary>
public sealed class FakeAzureOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RequestJournal _journal;
    private int _disposed;

    private FakeAzureOpenAIServer(WebApplication app, RequestJournal journal, Uri baseUrl)
    {
        _app = app;
        _journal = journal;
        BaseUrl = baseUrl;
    }

    /// <summary>The resource endpoint, e.g. <c>http://127.0.0.1:40123</c> (what Azure shows as <c>https://name.openai.azure.com</c>).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Every request received so far, in arrival order, recorded before it was answered.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _journal.Snapshot();

    public static async Task<FakeAzureOpenAIServer> StartAsync(FakeAzureOpenAIOptions options, CancellationToken ct = default)
    {
        options.Validate();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeAzureOpenAIServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        try
        {
            var journal = new RequestJournal();
            app.Run(new AzurePipeline(options, journal).InvokeAsync);
            await app.StartAsync(ct);
            return new FakeAzureOpenAIServer(app, journal, new Uri(app.Urls.Single().TrimEnd('/')));
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
