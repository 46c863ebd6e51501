using System.Net;
using System.Net.Sockets;

namespace ClaudeProxy.Bench.Processes;

internal static class FreePort
{
    /// <summary>A loopback port free right now (the child binds it a moment later; a clash would show as a failed start).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
