using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>One provider double and one gateway in front of it, shared by the tests of a class.</summary>
public class GatewayFixture : IAsyncLifetime
{
    public FakeOpenAIServer Provider { get; private set; } = null!;

    public GatewayApp App { get; private set; } = null!;

    protected virtual IDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        Provider = await FakeOpenAIServer.StartAsync();
        App = new GatewayApp(Provider.BaseUrl, Settings);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
