using Gatehouse.TestDoubles.OpenAI;

using Gatehouse.TestDoubles.Hosting;

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
    private readonly LoopbackHost _host;
    private readonly RequestJournal _journal;

    private FakeAzureOpenAIServer(LoopbackHost host, RequestJournal journal, Uri baseUrl)
    {
        _host = host;
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
        var journal = new RequestJournal();
        var host = await LoopbackHost.StartAsync(0, _ => new AzurePipeline(options, journal).InvokeAsync, ct);
        return new FakeAzureOpenAIServer(host, journal, host.Address);
    }

    public void ClearRequests() => _journal.Clear();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
