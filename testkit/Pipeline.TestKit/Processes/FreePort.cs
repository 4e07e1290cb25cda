using System.Net;
using System.Net.Sockets;

namespace Pipeline.TestKit;

/// <summary>Free TCP ports on the loopback interface.</summary>
public static class FreePort
{
    /// <summary>
    /// A port the kernel just handed out for 127.0.0.1. It is free now; another process could take it
    /// before the caller binds it, which on a test machine is rare enough to accept.
    /// </summary>
    public static int Next()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
