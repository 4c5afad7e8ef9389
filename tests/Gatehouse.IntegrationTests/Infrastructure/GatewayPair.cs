using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>Two gateway instances on one Azurite and one provider double, as two function instances would run.</summary>
public sealed class GatewayPair : IAsyncDisposable
{
    private readonly FakeOpenAIServer _provider;

    private GatewayPair(FakeOpenAIServer provider, IDictionary<string, string?>? settings)
    {
        _provider = provider;
        A = new GatewayApp(provider.BaseUrl, settings);
        B = new GatewayApp(provider.BaseUrl, settings);
    }

    public GatewayApp A { get; }

    public GatewayApp B { get; }

    public static async Task<GatewayPair> StartAsync(IDictionary<string, string?>? settings = null) =>
        new(await FakeOpenAIServer.StartAsync(), settings);

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await _provider.DisposeAsync();
    }
}
