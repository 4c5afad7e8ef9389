using Gatehouse.Configuration;
using Gatehouse.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>
/// Gatehouse.Core's services on the test Azurite with a clock of the test's choosing (usually fake), for stores,
/// caches and the limiter without a whole gateway. Tables are created as the host's start-up would.
/// </summary>
public sealed class CoreServices : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CoreServices(ServiceProvider services) => _services = services;

    /// <param name="settings">Overrides (or additions) to the test configuration, e.g. <c>Gatehouse:Limits:…</c>.</param>
    public static async Task<CoreServices> StartAsync(TimeProvider time, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Gatehouse:Storage:ConnectionString"] = TestStorage.ConnectionString,
            [TestJournal.PathSetting] = TestJournal.Root,
            ["Gatehouse:Keys:Pepper"] = "test-pepper-0123456789abcdefghijklmnopqrstuv",
            ["Gatehouse:Providers:fake:Type"] = "openai-compatible",
            ["Gatehouse:Providers:fake:BaseUrl"] = "http://127.0.0.1:9/",
            ["Gatehouse:Models:m:Deployments:0:Provider"] = "fake",
            ["Gatehouse:Models:m:Deployments:0:Model"] = "m",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            values[name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(time).AddSingleton<IConfiguration>(configuration);
        services.AddGatehouseCore(configuration);
        var core = new CoreServices(services.BuildServiceProvider());
        foreach (var initializer in core._services.GetServices<IHostedService>().OfType<StorageInitializer>())
        {
            await initializer.StartAsync(CancellationToken.None);
        }

        return core;
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
