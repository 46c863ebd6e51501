using System.Net;
using System.Net.Sockets;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Cli.Doctor;

/// <summary>Whether the gateway could listen on HOST:PORT now: binds the address as Kestrel would, and lets it go at once.</summary>
internal static class PortCheck
{
    public const string Name = "port";

    public static DoctorCheck Run(GatewaySettings settings)
    {
        var where = $"{settings.Host}:{settings.Port}";
        if (settings.Port == 0)
        {
            return DoctorCheck.Ok(Name, $"{where}: PORT 0, the system picks a free port at start");
        }

        var address = ListenAddress(settings.Host);
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(new IPEndPoint(address, settings.Port));
            socket.Listen(1);
            return DoctorCheck.Ok(Name, $"{where} is free");
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return DoctorCheck.Fail(Name, $"{where} is in use",
                "is another gateway running there (`claude-proxy health` asks it)? Stop it, or set PORT (or --port) to a free port");
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AccessDenied)
        {
            return DoctorCheck.Fail(Name, $"{where}: this user may not listen there ({ex.Message})", "set PORT (or --port) to 1024 or above");
        }
        catch (SocketException ex)
        {
            return DoctorCheck.Fail(Name, $"{where}: cannot listen there ({ex.Message})", "set HOST to an address of this machine (0.0.0.0 for all of them), or PORT to another port");
        }
    }

    /// <summary>Kestrel's reading of the host of <c>http://HOST:PORT</c>: an IP address is itself, <c>localhost</c> the loopback, any other name every address.</summary>
    private static IPAddress ListenAddress(string host)
    {
        var bare = host.Trim('[', ']');
        if (IPAddress.TryParse(bare, out var address))
        {
            return address;
        }

        if (string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any;
    }
}
