using System.Globalization;
using Gatehouse.Configuration;

namespace Gatehouse.Hosting;

/// <summary>
/// Standalone (Kestrel on its own URLs, queue pollers on) or Azure Functions custom handler (port from
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, the host triggers the queue functions through <c>POST /{FunctionName}</c>).
/// </summary>
public sealed class HostingMode
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    private HostingMode(bool isCustomHandler, int? port)
    {
        IsCustomHandler = isCustomHandler;
        CustomHandlerPort = port;
    }

    public bool IsCustomHandler { get; }

    /// <summary>The port the Functions host told us to listen on (always on 127.0.0.1).</summary>
    public int? CustomHandlerPort { get; }

    public static HostingMode From(IConfiguration configuration)
    {
        int? port = int.TryParse(configuration[PortVariable], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536 ? p : null;
        var setting = configuration[$"{GatehouseOptions.SectionName}:{nameof(GatehouseOptions.HostingMode)}"] ?? "Auto";
        var isCustomHandler = setting switch
        {
            "CustomHandler" => true,
            "Standalone" => false,
            _ => port is not null,
        };
        return new HostingMode(isCustomHandler, port);
    }
}
