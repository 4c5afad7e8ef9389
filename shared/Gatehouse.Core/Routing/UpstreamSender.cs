using System.Collections.Frozen;
using System.Diagnostics;
using Gatehouse.Providers;

namespace Gatehouse.Routing;

/// <summary>
/// Makes one attempt at one deployment and classifies what came back. The only place that puts bytes on the wire to a
/// provider; retries, breakers and failover (<see cref="UpstreamRouter"/>) build on it, adapters never send.
/// An attempt succeeds only once its answer has started: a whole JSON answer read, or a stream's opening events read up
/// to the first that carries anything (text, a tool call, a finish reason). So a stream that dies before it has said
/// anything fails the attempt, and is retried or failed over, while the client has still been sent nothing.
/// </summary>
public sealed class UpstreamSender(IHttpClientFactory httpClientFactory, IEnumerable<IProviderAdapter> adapters, TimeProvider time)
{
    public const string ClientNamePrefix = "gatehouse-upstream:";

    /// <summary>Opening events held back at most, e.g. role-only and content-filter preambles, before the stream is relayed anyway.</summary>
    public const int MaxOpeningEvents = 16;

    public static string ClientName(string providerName) => ClientNamePrefix + providerName;

    private readonly FrozenDictionary<string, IProviderAdapter> _adapters = adapters.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>
    /// Makes the attempt. <paramref name="attemptAborted"/> bounds it until its answer has started (the per-attempt and
    /// total timeouts); after that only the client and the exchange's own timers do. The caller disposes the exchange.
    /// </summary>
    public async Task<UpstreamExchange> SendAsync(
        ProviderRequest request, Deployment deployment, CancellationToken attemptAborted, CancellationToken clientAborted)
    {
        var adapter = _adapters[deployment.Provider.Type];
        var exchange = new UpstreamExchange(deployment, adapter, time, clientAborted);
        var registration = attemptAborted.Register(static state => ((UpstreamExchange)state!).Abandon(), exchange);
        try
        {
            await StartAsync(request, exchange);
        }
        catch (Exception e) when (!clientAborted.IsCancellationRequested && !attemptAborted.IsCancellationRequested && exchange.FailureOf(e) is { } error)
        {
            exchange.Error = error;
        }
        catch (Exception e) when (attemptAborted.IsCancellationRequested && !clientAborted.IsCancellationRequested)
        {
            // The attempt's time ran out. Whatever the abandoned call threw, it is reported as the cancellation it was,
            // which the routing's timeout turns into its outcome.
            await registration.DisposeAsync();
            await exchange.DisposeAsync();
            throw new OperationCanceledException("The attempt's time ran out.", e, attemptAborted);
        }
        catch
        {
            await registration.DisposeAsync();
            await exchange.DisposeAsync();
            throw; // the client went away
        }

        await registration.DisposeAsync();
        if (attemptAborted.IsCancellationRequested && exchange.Error is null)
        {
            // Abandoned just as it started: the caller's timeout has already given up on it.
            await exchange.DisposeAsync();
            attemptAborted.ThrowIfCancellationRequested();
        }

        return exchange;
    }

    private async Task StartAsync(ProviderRequest request, UpstreamExchange exchange)
    {
        HttpRequestMessage message;
        try
        {
            message = exchange.Adapter.CreateRequest(request, exchange.Deployment);
        }
        catch (UnsupportedRequestException e)
        {
            exchange.Error = new UpstreamError(ProviderErrorKind.Unsupported, null, e.Message);
            return;
        }

        using (message)
        {
            var client = httpClientFactory.CreateClient(ClientName(exchange.Deployment.Provider.Name));
            var sent = Stopwatch.GetTimestamp();
            var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, exchange.Token);
            exchange.TimeToHeaders = Stopwatch.GetElapsedTime(sent);
            exchange.MarkActivity();
            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    exchange.Error = await exchange.Adapter.ReadErrorAsync(response, exchange.Token);
                }

                return;
            }

            exchange.Response = response;
        }

        if (request.Stream)
        {
            await ReadOpeningAsync(exchange);
        }
        else
        {
            exchange.Answer = await exchange.Adapter.ReadResponseAsync(exchange.Response, exchange.Token);
        }
    }

    private static async Task ReadOpeningAsync(UpstreamExchange exchange)
    {
        var reader = exchange.Adapter.ReadStreamAsync(exchange.Response!, exchange.Token).GetAsyncEnumerator(exchange.Token);
        exchange.Rest = reader;
        var opening = new List<ChatStreamChunk>(2);
        exchange.Opening = opening;
        while (opening.Count < MaxOpeningEvents)
        {
            if (!await reader.MoveNextAsync())
            {
                exchange.Error = new UpstreamError(ProviderErrorKind.Unavailable, null,
                    $"The upstream provider '{exchange.Deployment.Provider.Name}' ended the stream before it started.");
                return;
            }

            exchange.MarkActivity();
            opening.Add(reader.Current);
            if (Says(reader.Current))
            {
                return;
            }
        }
    }

    /// <summary>True for an event that carries something for the client: text, a tool call, a finish, usage, or the end.</summary>
    private static bool Says(ChatStreamChunk chunk)
    {
        if (chunk.IsDone || chunk.Usage is not null)
        {
            return true;
        }

        if (chunk.Json?["choices"] is not System.Text.Json.Nodes.JsonArray { Count: > 0 } choices)
        {
            return false;
        }

        foreach (var choice in choices)
        {
            if (choice?["finish_reason"] is System.Text.Json.Nodes.JsonValue
                || choice?["delta"]?["tool_calls"] is not null
                || choice?["delta"]?["content"] is System.Text.Json.Nodes.JsonValue content && content.TryGetValue<string>(out var text) && text.Length > 0)
            {
                return true;
            }
        }

        return false;
    }
}
