using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Shipyard.Benchmarks.GitOps;

/// <summary>
/// A TCP relay on 127.0.0.1 that delivers every byte half a round trip late in each direction (and a connection one
/// round trip late, for the handshake), in order, without limiting bandwidth: a remote across a network, for the
/// racing benchmark, in front of the real git HTTP server. Disposing it closes every connection.
/// </summary>
public sealed class LatencyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _upstreamPort;
    private readonly TimeSpan _oneWay;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private LatencyProxy(int upstreamPort, TimeSpan roundTrip)
    {
        (_upstreamPort, _oneWay) = (upstreamPort, roundTrip / 2);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The port to connect to instead of the upstream's.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Starts relaying to 127.0.0.1:<paramref name="upstreamPort"/> with <paramref name="roundTrip"/> of latency.</summary>
    public static LatencyProxy Start(int upstreamPort, TimeSpan roundTrip) => new(upstreamPort, roundTrip);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var upstream = new TcpClient();
        try
        {
            await Task.Delay(_oneWay * 2, _stop.Token);
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
            client.NoDelay = upstream.NoDelay = true;
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = PumpAsync(client.GetStream(), upstream.GetStream(), done.Token);
            var down = PumpAsync(upstream.GetStream(), client.GetStream(), done.Token);
            await Task.WhenAny(up, down);
            // One side closed: let the other finish delivering what is in flight, then close both.
            await Task.WhenAny(Task.WhenAll(up, down), Task.Delay(_oneWay * 4 + TimeSpan.FromSeconds(1), _stop.Token)).ContinueWith(_ => { }, TaskScheduler.Default);
            await done.CancelAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // The connection or the proxy ended.
        }
    }

    // Reads from one side and delivers each chunk to the other side one-way-latency after it was read, in order.
    private async Task PumpAsync(Stream from, Stream to, CancellationToken ct)
    {
        var inFlight = Channel.CreateUnbounded<(byte[] Data, long Due)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var deliver = Task.Run(async () =>
        {
            await foreach (var (data, due) in inFlight.Reader.ReadAllAsync(ct))
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
                if (data.Length == 0)
                {
                    // The sender finished: pass the end on (half-close) so the other side sees it.
                    if (to is NetworkStream network) network.Socket.Shutdown(SocketShutdown.Send);
                    return;
                }
                await to.WriteAsync(data, ct);
            }
        }, ct);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, ct);
                var due = Stopwatch.GetTimestamp() + (long)(_oneWay.TotalSeconds * Stopwatch.Frequency);
                await inFlight.Writer.WriteAsync((buffer[..n], due), ct);
                if (n == 0) break;
            }
        }
        finally
        {
            inFlight.Writer.TryComplete();
        }
        await deliver;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
