using System.Diagnostics;
using Shipyard.Delivery.Registry;
using Shipyard.Engine;
using Shipyard.Delivery.Images;

namespace Shipyard.Benchmarks.Images;

/// <summary>
/// Measures what "add every tag through the registry API" costs: adds <c>n</c> tags to an image already in a
/// registry and counts the bytes on the wire, against the size of the image itself (what a builder push of
/// each tag would re-send or at least re-check layer by layer).
/// </summary>
public sealed class ImagesBenchmark(string registry, RegistryCredentials? credentials, TimeProvider time)
{
    /// <summary>Adds <paramref name="extraTags"/> tags named <c>bench-&lt;run&gt;-&lt;i&gt;</c> to <paramref name="repository"/>:<paramref name="sourceTag"/>.</summary>
    public async Task<ImagesBenchmarkFigures> RunAsync(string repository, string sourceTag, int extraTags, CancellationToken cancellationToken)
    {
        using var counter = new ByteCountingHandler(new SocketsHttpHandler());
        var client = Registries.Create(registry, credentials, time, counter);
        var stopwatch = Stopwatch.StartNew();
        var manifest = await client.GetManifestAsync(repository, sourceTag, cancellationToken)
            ?? throw new BuildFailedException($"Benchmark needs an image: {registry}/{repository}:{sourceTag} does not exist (run Push first).");
        var run = time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < extraTags; i++)
        {
            var tag = $"bench-{run}-{i}";
            if (await client.GetDigestAsync(repository, tag, cancellationToken) != manifest.Digest)
                await client.PutManifestAsync(repository, tag, manifest, cancellationToken);
        }
        stopwatch.Stop();
        return new ImagesBenchmarkFigures(extraTags, counter.Requests, counter.BytesSent, counter.BytesReceived, manifest.ImageSize, stopwatch.Elapsed);
    }
}
