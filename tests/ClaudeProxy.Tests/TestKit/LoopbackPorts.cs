using System.Net;
using System.Net.Sockets;

namespace ClaudeProxy.Tests.TestKit;

/// <summary>Loopback ports nothing listens on, for servers a test starts (or leaves unstarted) itself.</summary>
public static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
