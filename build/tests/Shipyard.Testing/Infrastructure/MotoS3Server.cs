using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Shipyard.Delivery.Tests.Infrastructure;

/// <summary>
/// A real moto server (AWS S3 and friends) on 127.0.0.1 with a free port, for scripts that call the `aws` CLI.
/// Stopped by PID on dispose. Fails loudly when moto_server is not installed.
/// </summary>
internal sealed class MotoS3Server : IAsyncDisposable
{
    private readonly Process _process;

    private MotoS3Server(Process process, int port)
    {
        _process = process;
        Endpoint = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The endpoint to give the CLI as AWS_ENDPOINT_URL.</summary>
    public Uri Endpoint { get; }

    /// <summary>Environment for the `aws` CLI pointing at this server with fake credentials.</summary>
    public Dictionary<string, string?> AwsEnvironment => new()
    {
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_DEFAULT_REGION"] = "us-east-1",
    };

    public static async Task<MotoS3Server> StartAsync(CancellationToken cancellationToken)
    {
        var port = LoopbackPort.Next();
        var start = new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"moto_server is not installed or not on PATH ({e.Message}): `pip install 'moto[server]'`.", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MotoS3Server(process, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if (process.HasExited) throw new InvalidOperationException($"moto_server exited with code {process.ExitCode} before listening on port {port}.");
            try
            {
                using var response = await http.GetAsync(new Uri(server.Endpoint, "/moto-api/"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(100, cancellationToken);
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"moto_server did not answer on port {port} within 15 s.");
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

}
