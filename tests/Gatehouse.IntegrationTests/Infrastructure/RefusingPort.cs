using System.Net;
using System.Net.Sockets;

namespace Gatehouse.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback port that refuses every connection for the rest of the test run: bound but never listening, so no
/// server started later (a provider double, a gateway) can take it over. A port that was merely free when a fixture
/// read it can be bound by the next server, and "unreachable" then answers.
/// </summary>
public static class RefusingPort
{
    private static readonly List<Socket> Held = [];

    public static int Reserve()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        lock (Held)
        {
            Held.Add(socket);
        }

        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
