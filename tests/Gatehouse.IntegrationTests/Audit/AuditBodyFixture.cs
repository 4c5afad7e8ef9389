using System.Security.Cryptography;
using Gatehouse.IntegrationTests.Infrastructure;
using Gatehouse.TestDoubles.OpenAI;

namespace Gatehouse.IntegrationTests.Audit;

/// <summary>One provider double and three gateways in front of it: bodies <c>full</c>, <c>redacted</c> and off (the default), sharing one key.</summary>
public sealed class AuditBodyFixture : IAsyncLifetime
{
    public static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public FakeOpenAIServer Provider { get; private set; } = null!;

    public GatewayApp Full { get; private set; } = null!;

    public GatewayApp Redacted { get; private set; } = null!;

    public GatewayApp Off { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await FakeOpenAIServer.StartAsync();
        Full = new GatewayApp(Provider.BaseUrl, Settings("full"));
        Redacted = new GatewayApp(Provider.BaseUrl, Settings("redacted"));
        Off = new GatewayApp(Provider.BaseUrl, new Dictionary<string, string?> { ["Gatehouse:Audit:Bodies:Keys:k1"] = Key });
    }

    public async Task DisposeAsync()
    {
        await Full.DisposeAsync();
        await Redacted.DisposeAsync();
        await Off.DisposeAsync();
        await Provider.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(string mode) => new()
    {
        ["Gatehouse:Audit:Bodies:Mode"] = mode,
        ["Gatehouse:Audit:Bodies:ActiveKeyId"] = "k1",
        ["Gatehouse:Audit:Bodies:Keys:k1"] = Key,
    };
}
