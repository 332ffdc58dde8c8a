using Shipyard.Benchmarks.Images;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Registry;
using Shipyard.Delivery.Tests.Infrastructure;

namespace Shipyard.Delivery.Tests.Images;

public sealed class ImagesBenchmarkTests
{
    [Fact]
    public async Task TheBenchmarkReportsBytesPerTagAgainstTheImageSize()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RegistryServer.StartAsync();
        using var sandbox = new BuildahSandbox();
        await sandbox.PushBaseAsync(server.Host, ct);

        var figures = await new ImagesBenchmark(server.Host, null, TimeProvider.System).RunAsync("base", "1", 2, ct);

        figures.ExtraTags.ShouldBe(2);
        figures.Requests.ShouldBe(5);
        figures.BytesSent.ShouldBeGreaterThan(0);
        figures.ImageBytes.ShouldBeGreaterThan(0);
        figures.ToString().ShouldContain("sent/image");
        (await Registries.Create(server.Host, null, TimeProvider.System).ListTagsAsync("base", ct)).Count.ShouldBe(3);
    }
}
