using Gatehouse.Configuration;
using Gatehouse.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gatehouse.Benchmarks.Infrastructure;

/// <summary>
/// One gateway instance's core services (their own caches, leases and storage clients) on the given storage, built
/// as the host builds them, without the web server. Several in one process stand for several instances.
/// </summary>
public sealed class GatewayInstance : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private GatewayInstance(ServiceProvider services) => _services = services;

    public static async Task<GatewayInstance> StartAsync(string storageConnection, IReadOnlyDictionary<string, string?> settings)
    {
        var values = new Dictionary<string, string?>(settings, StringComparer.Ordinal)
        {
            ["Gatehouse:Storage:ConnectionString"] = storageConnection,
            ["Gatehouse:Keys:Pepper"] = "bench-pepper-0123456789abcdefghijklmnopqrstu",
            ["Gatehouse:Providers:bench:Type"] = "openai-compatible",
            ["Gatehouse:Providers:bench:BaseUrl"] = "http://127.0.0.1:9/",
            ["Gatehouse:Models:m:Deployments:0:Provider"] = "bench",
            ["Gatehouse:Models:m:Deployments:0:Model"] = "m",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddGatehouseCore(configuration);
        var instance = new GatewayInstance(services.BuildServiceProvider());
        foreach (var initializer in instance._services.GetServices<IHostedService>().OfType<StorageInitializer>())
        {
            await initializer.StartAsync(CancellationToken.None);
        }

        return instance;
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
