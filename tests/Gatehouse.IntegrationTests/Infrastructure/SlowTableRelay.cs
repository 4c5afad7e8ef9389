using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP relay in front of the test Azurite's table endpoint that can be made slow: while <see cref="Delay"/> is set,
/// every chunk a client sends waits that long before it reaches Azurite. Storage that answers, but late.
/// </summary>
public sealed partial class SlowTableRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _tablePort;
    private readonly Task _accepting;

    public SlowTableRelay()
    {
        _tablePort = int.Parse(TableEndpoint().Match(TestStorage.ConnectionString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public TimeSpan Delay { get; set; }

    /// <summary>The test storage's connection string with tables reached through this relay.</summary>
    public string ConnectionString => TableEndpoint().Replace(TestStorage.ConnectionString, $"TableEndpoint=http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var azurite = new TcpClient())
        {
            try
            {
                await azurite.ConnectAsync(IPAddress.Loopback, _tablePort, _stop.Token);
                await Task.WhenAny(PumpAsync(client.GetStream(), azurite.GetStream(), slow: true), PumpAsync(azurite.GetStream(), client.GetStream(), slow: false));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // Either side went away: the connection simply ends, as a real network's would.
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool slow)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (slow && Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, _stop.Token);
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    [GeneratedRegex(@"TableEndpoint=http://127\.0\.0\.1:(\d+)")]
    private static partial Regex TableEndpoint();
}
