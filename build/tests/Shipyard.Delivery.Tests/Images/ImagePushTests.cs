using System.Net.Http.Json;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Registry;
using Shipyard.Delivery.Tests.Infrastructure;
using Shipyard.Delivery.Versioning;

namespace Shipyard.Delivery.Tests.Images;

/// <summary>Build with real buildah, Push to a real registry; results read back through the registry API.</summary>
public sealed class ImagePushTests
{
    private static readonly BuildVersion Release = new("abc1234def5678900000000000000000000000ff", null, "todo-api/v1.2.3",
        new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero), "7")
    { CommitTime = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PushLeavesEveryTagOfTheSchemeAtOneDigestAndASecondPushUploadsNothing()
    {
        await using var server = await RegistryServer.StartAsync();
        using var sandbox = new BuildahSandbox();
        var baseImage = await sandbox.PushBaseAsync(server.Host, Ct);
        var registry = Registries.Create(server.Host, null, TimeProvider.System);

        var first = await BuildAndPushAsync(sandbox, server.Host, baseImage, registry, null);
        var log = new StringWriter();
        var second = await BuildAndPushAsync(sandbox, server.Host, baseImage, registry, null, log);

        var tags = await registry.ListTagsAsync("todo-api", Ct);
        tags.Order().ShouldBe(["1", "1.2", "1.2.3", "latest", "sha-abc1234"]);
        foreach (var tag in tags) (await registry.GetDigestAsync("todo-api", tag, Ct)).ShouldBe(first.Digest);
        first.Uploaded.ShouldBeTrue();
        first.AddedTags.ShouldBe(["1.2", "1", "latest", "sha-abc1234"]);
        second.Uploaded.ShouldBeFalse();
        second.AddedTags.ShouldBeEmpty();
        second.Digest.ShouldBe(first.Digest);
        log.ToString().ShouldContain($"todo-api:1.2.3 already at {first.Digest}, nothing uploaded");
    }

    [Fact]
    public async Task TheImageCarriesTheOciLabelsAndThePreparedOutput()
    {
        await using var server = await RegistryServer.StartAsync();
        using var sandbox = new BuildahSandbox();
        var baseImage = await sandbox.PushBaseAsync(server.Host, Ct);
        var registry = Registries.Create(server.Host, null, TimeProvider.System);

        var pushed = await BuildAndPushAsync(sandbox, server.Host, baseImage, registry, null);

        var manifest = (await registry.GetManifestAsync("todo-api", pushed.Digest, Ct))!;
        using var http = new HttpClient();
        var config = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"http://{server.Host}/v2/todo-api/blobs/{manifest.ConfigDigest}", Ct);
        var labels = config.GetProperty("config").GetProperty("Labels");
        labels.GetProperty("org.opencontainers.image.revision").GetString().ShouldBe(Release.Sha);
        labels.GetProperty("org.opencontainers.image.version").GetString().ShouldBe("1.2.3");
        labels.GetProperty("org.opencontainers.image.created").GetString().ShouldBe("2026-03-01T00:00:00Z");
        labels.GetProperty("org.opencontainers.image.source").GetString().ShouldBe("https://example.test/todo");
        File.Exists(Path.Combine(sandbox.Root, "services/todo-api/.publish/app.txt")).ShouldBeTrue();
    }

    [Fact]
    public async Task AnAuthenticatedRegistryTakesTheCredentialsAndTheSecretNeverShowsInTheLog()
    {
        await using var server = await RegistryServer.StartAsync("ci", "s3cret-pass");
        using var sandbox = new BuildahSandbox();
        var credentials = new RegistryCredentials("ci", "s3cret-pass");
        var baseImage = await sandbox.PushBaseAsync(server.Host, Ct, credentials);
        var registry = Registries.Create(server.Host, credentials, TimeProvider.System);

        var pushed = await BuildAndPushAsync(sandbox, server.Host, baseImage, registry, credentials);

        (await registry.ListTagsAsync("todo-api", Ct)).Count.ShouldBe(5);
        pushed.Digest.ShouldStartWith("sha256:");
        sandbox.Log.ToString().ShouldNotContain("s3cret-pass");
        sandbox.Log.ToString().ShouldContain("--authfile");
    }

    internal static async Task<PushResult> BuildAndPushAsync(
        BuildahSandbox sandbox, string host, string baseImage, IRegistry registry, RegistryCredentials? credentials, TextWriter? log = null)
    {
        var settings = new ImageBuildSettings(sandbox.Root, host)
        {
            BuildArgs = new Dictionary<string, string> { ["RUNTIME_IMAGE"] = baseImage },
            SourceUrl = "https://example.test/todo",
            TagScheme = "metadata-action",
        };
        var built = await new ServiceImageBuilder(sandbox.Runner, sandbox.Builder, settings).BuildAsync(sandbox.Service, Release, Ct);
        return await new ImagePublisher(sandbox.Builder, registry, credentials, log ?? TextWriter.Null).PushAsync(built, Ct);
    }
}
