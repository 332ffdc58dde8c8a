using System.Diagnostics;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Sandbox;
using Shipyard.Delivery.Tests.Infrastructure;

namespace Shipyard.Benchmarks.Images;

/// <summary>
/// The suite's tag-push row: a throw-away registry (the local sandbox's, on a free port and a temp folder) holding a
/// busybox image, then <see cref="ImagesBenchmark"/>; the registry is stopped by its PID afterwards.
/// </summary>
internal sealed class ImagesEntry(BenchmarkSettings settings, TextWriter output) : IBenchmark
{
    public string Name => "images";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("shipyard-images-benchmark-").FullName;
        var registry = $"127.0.0.1:{LoopbackPort.Next()}";
        var sandbox = new SandboxSettings(root, registry, GitOpsRemote: null, RuntimeImage: $"{registry}/benchmark-base:1");
        var runner = new ProcessRunner(output, settings.Mask);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            foreach (var part in await new LocalSandbox(sandbox, runner, http).EnsureAsync(cancellationToken))
                await output.WriteLineAsync(part);
            var tags = settings.Full ? 20 : 3;
            var f = await new ImagesBenchmark(registry, null, settings.Time).RunAsync("benchmark-base", "1", tags, cancellationToken);
            await output.WriteLineAsync(f.ToString());
            return
            [
                new("images: tags via registry API", $"{f.Ratio:0.0000}x the image bytes for {tags} tags ({f.BytesSent:N0} of {f.ImageBytes:N0} B)",
                    "<= 0.1x (a push per tag: 1x each)", f.Ratio <= 0.1, $"{f.Requests} requests in {f.Elapsed.TotalMilliseconds:0} ms"),
            ];
        }
        finally
        {
            var pidFile = Path.Combine(sandbox.StateDirectory, "registry.pid");
            if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile, CancellationToken.None), out var pid))
                try { using var p = Process.GetProcessById(pid); p.Kill(); await p.WaitForExitAsync(CancellationToken.None); } catch (ArgumentException) { }
            await runner.RunAsync("buildah", ["rmi", "--force", sandbox.RuntimeImage!], new ProcessOptions { Check = false, Echo = false }, CancellationToken.None);
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
