using System.Net;
using Azure.Core;
using Azure.Identity;
using Gatehouse.Providers;
using Gatehouse.Providers.AzureOpenAI;
using Gatehouse.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gatehouse.Tests.Providers.AzureOpenAI;

/// <summary>The Entra token: fetched once, reused until 5 minutes before it expires, shared by concurrent requests.</summary>
public sealed class EntraTokenHandlerTests
{
    private const string Scope = "https://cognitiveservices.azure.com/.default";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetTokenAsync_ReusesTheToken_UntilFiveMinutesBeforeItExpires()
    {
        var credential = new CountingCredential(_time, TimeSpan.FromHours(1));
        var cache = new EntraTokenCache(() => credential, Scope, _time);

        var first = await cache.GetTokenAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(54));
        var stillCached = await cache.GetTokenAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var refreshed = await cache.GetTokenAsync(CancellationToken.None);

        Assert.Equal("token-1", first);
        Assert.Equal("token-1", stillCached);
        Assert.Equal("token-2", refreshed);
        Assert.Equal(2, credential.Calls);
        Assert.Equal([Scope], credential.Scopes.Distinct());
    }

    [Fact]
    public async Task GetTokenAsync_ConcurrentCallers_ShareOneFetch()
    {
        var credential = new CountingCredential(_time, TimeSpan.FromHours(1)) { Gate = new TaskCompletionSource() };
        var cache = new EntraTokenCache(() => credential, Scope, _time);

        var waiting = Enumerable.Range(0, 20).Select(_ => cache.GetTokenAsync(CancellationToken.None).AsTask()).ToArray();
        Assert.All(waiting, t => Assert.False(t.IsCompleted));
        credential.Gate.SetResult();
        var tokens = await Task.WhenAll(waiting);

        Assert.All(tokens, t => Assert.Equal("token-1", t));
        Assert.Equal(1, credential.Calls);
    }

    [Fact]
    public async Task GetTokenAsync_AfterAFailedFetch_TheNextCallerTriesAgain()
    {
        var credential = new CountingCredential(_time, TimeSpan.FromHours(1)) { FailNext = true };
        var cache = new EntraTokenCache(() => credential, Scope, _time);

        await Assert.ThrowsAsync<CredentialUnavailableException>(() => cache.GetTokenAsync(CancellationToken.None).AsTask());
        var token = await cache.GetTokenAsync(CancellationToken.None);

        Assert.Equal("token-2", token);
    }

    [Fact]
    public async Task GetTokenAsync_CallerCancelled_DoesNotCancelTheSharedFetch()
    {
        var credential = new CountingCredential(_time, TimeSpan.FromHours(1)) { Gate = new TaskCompletionSource() };
        var cache = new EntraTokenCache(() => credential, Scope, _time);
        using var cancelled = new CancellationTokenSource();

        var gaveUp = cache.GetTokenAsync(cancelled.Token).AsTask();
        var patient = cache.GetTokenAsync(CancellationToken.None).AsTask();
        await cancelled.CancelAsync();
        credential.Gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        Assert.Equal("token-1", await patient);
        Assert.Equal(1, credential.Calls);
    }

    [Fact]
    public async Task SendAsync_PutsTheBearerTokenOnTheRequest()
    {
        var credential = new CountingCredential(_time, TimeSpan.FromHours(1));
        var inner = new RecordingHandler();
        using var invoker = new HttpMessageInvoker(new EntraTokenHandler(new EntraTokenCache(() => credential, Scope, _time), "azure", NullLogger<EntraTokenHandler>.Instance) { InnerHandler = inner });

        using var first = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, "https://r.openai.azure.com/openai/x"), CancellationToken.None);
        using var second = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, "https://r.openai.azure.com/openai/x"), CancellationToken.None);

        Assert.Equal(["Bearer token-1", "Bearer token-1"], inner.Authorizations);
        Assert.Equal(1, credential.Calls);
    }

    [Fact]
    public async Task SendAsync_NoTokenToBeHad_AnswersAnAuthErrorWithoutSending()
    {
        var credential = new CountingCredential(_time, TimeSpan.FromHours(1)) { FailNext = true };
        var inner = new RecordingHandler();
        using var invoker = new HttpMessageInvoker(new EntraTokenHandler(new EntraTokenCache(() => credential, Scope, _time), "azure", NullLogger<EntraTokenHandler>.Instance) { InnerHandler = inner });

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, "https://r.openai.azure.com/openai/x"), CancellationToken.None);
        var error = await new AzureOpenAIAdapter().ReadErrorAsync(response, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(inner.Authorizations);
        Assert.Equal(ProviderErrorKind.Auth, error.Kind);
        Assert.Contains("Entra ID token", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Numbered tokens valid for <paramref name="lifetime"/>; can hold its answer or fail once.</summary>
    private sealed class CountingCredential(TimeProvider time, TimeSpan lifetime) : TokenCredential
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public List<string> Scopes { get; } = [];

        public TaskCompletionSource? Gate { get; init; }

        public bool FailNext { get; set; }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The gateway must never block on a token.");

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }

            if (Gate is not null)
            {
                await Gate.Task;
            }

            if (FailNext)
            {
                FailNext = false;
                throw new CredentialUnavailableException("No identity here.");
            }

            return new AccessToken($"token-{call}", time.GetUtcNow() + lifetime);
        }
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<string> Authorizations { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorizations.Add(request.Headers.Authorization!.ToString());
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request });
        }
    }
}
