using Gatehouse.Admin;
using Gatehouse.Cli;
using Gatehouse.Hosting;
using Gatehouse.Proxy;
using Microsoft.Extensions.Options;

// One executable: the CLI's admin commands, or the gateway (standalone or as an Azure Functions custom handler).
if (CliApp.IsCommand(args))
{
    return await CliApp.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(CliApp.ServeArguments(args));
builder.AddGatehouse();
try
{
    var app = builder.Build();
    app.UseGatehouse();
    app.MapProxyEndpoints();
    app.MapAdminEndpoints();
    app.MapCustomHandlerEndpoints();
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    // Configuration is checked as the host is built; every problem is listed, then the process exits.
    await Console.Error.WriteLineAsync("Gatehouse cannot start; fix these configuration errors:");
    foreach (var failure in e.Failures)
    {
        await Console.Error.WriteLineAsync($"  - {failure}");
    }

    return 1;
}

/// <summary>Entry point type, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
