using Gatehouse.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Benchmarks.Infrastructure;

/// <summary>
/// Gatehouse.Core's services with a minimal valid configuration (one stub provider and alias) and nothing that touches
/// storage or the network until asked: for benchmarks of in-process code paths.
/// </summary>
public static class OfflineCore
{
    public static ServiceProvider Build(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Gatehouse:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Gatehouse:Keys:Pepper"] = new string('p', 32),
            ["Gatehouse:Providers:stub:Type"] = "openai-compatible",
            ["Gatehouse:Providers:stub:BaseUrl"] = "https://stub.example/v1",
            ["Gatehouse:Models:m:Deployments:0:Provider"] = "stub",
            ["Gatehouse:Models:m:Deployments:0:Model"] = "gpt-4o-mini",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            values[name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddSingleton<IConfiguration>(configuration);
        services.AddGatehouseCore(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
