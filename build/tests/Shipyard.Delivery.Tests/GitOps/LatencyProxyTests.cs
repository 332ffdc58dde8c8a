using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Shipyard.Benchmarks.GitOps;

namespace Shipyard.Delivery.Tests.GitOps;

/// <summary>The racing benchmark's network: every byte arrives half a round trip late each way, in order, and the end of a stream too.</summary>
public sealed class LatencyProxyTests
{
    [Fact]
    public async Task AnEchoThroughTheProxyTakesTheRoundTripsAndKeepsEveryByteInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        var echo = new TcpListener(IPAddress.Loopback, 0);
        echo.Start();
        var serving = Task.Run(async () =>
        {
            using var peer = await echo.AcceptTcpClientAsync(ct);
            var echoed = peer.GetStream();
            await echoed.CopyToAsync(echoed, ct); // echoes until the client half-closes
            peer.Client.Shutdown(SocketShutdown.Send);
        }, ct);
        await using var proxy = LatencyProxy.Start(((IPEndPoint)echo.LocalEndpoint).Port, TimeSpan.FromMilliseconds(100));

        var watch = Stopwatch.StartNew();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, proxy.Port, ct);
        var sent = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        var stream = client.GetStream();
        await stream.WriteAsync(sent, ct);
        client.Client.Shutdown(SocketShutdown.Send);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, ct);
        watch.Stop();
        await serving;
        echo.Stop();

        received.ToArray().ShouldBe(sent);
        // The connection's round trip, then the data's: at least two round trips of 100 ms.
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190));
    }
}
