using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>
/// The Azurite that tests run against: the one ./test.sh started (GATEHOUSE_TEST_STORAGE), or, when the tests are
/// run some other way (an IDE, plain dotnet test), one this process starts from eng/tools and stops on exit.
/// </summary>
public static class TestStorage
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly Lazy<string> Connection = new(Resolve);

    public static string ConnectionString => Connection.Value;

    public static string RepoRoot { get; } = typeof(TestStorage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    private static string Resolve()
    {
        if (Environment.GetEnvironmentVariable("GATEHOUSE_TEST_STORAGE") is { Length: > 0 } fromScript)
        {
            return fromScript;
        }

        var azurite = Path.Combine(RepoRoot, "eng", "tools", "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException("Azurite is not installed: run ./test.sh (it installs it), or set GATEHOUSE_TEST_STORAGE.");
        }

        int blob = FreePort(), queue = FreePort(), table = FreePort();
        var process = Process.Start(new ProcessStartInfo(azurite,
            "--silent --skipApiVersionCheck --loose --disableProductStyleUrl --inMemoryPersistence " +
            $"--blobPort {blob} --queuePort {queue} --tablePort {table}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => process.Kill(entireProcessTree: true);
        WaitForPort(table);
        WaitForPort(queue);
        return $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WaitForPort(int port)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new InvalidOperationException($"Azurite did not open port {port}.");
    }
}
