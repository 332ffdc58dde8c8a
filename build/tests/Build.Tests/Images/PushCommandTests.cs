using System.Net.Http.Json;
using System.Text.Json;
using Shipyard.Delivery.Tests.Infrastructure;

namespace Build.Tests.Images;

/// <summary><c>Push --service todo-api --registry … --build-arg RUNTIME_IMAGE=…</c> on a real registry, with buildah.</summary>
public sealed class PushCommandTests
{
    [Fact]
    public async Task PushLeavesTheSchemesTagsAtOneDigestAndTheSecondRunUploadsNothing()
    {
        await using var registry = await RegistryServer.StartAsync();
        using var repo = new PushRepository();
        var baseImage = repo.PushBase(registry.Host);
        string[] args = ["Push", "--skip", "Test", "--service", "todo-api", "--registry", registry.Host,
            "--build-arg", $"RUNTIME_IMAGE={baseImage}", "--builder", "buildah", "--tag-scheme", "metadata-action"];

        var first = repo.Build(args);
        var second = repo.Build(args);

        first.ExitCode.ShouldBe(0, first.Output);
        second.ExitCode.ShouldBe(0, second.Output);
        using var http = new HttpClient();
        var tags = (await http.GetFromJsonAsync<JsonElement>($"http://{registry.Host}/v2/todo-api/tags/list", TestContext.Current.CancellationToken))
            .GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order().ToList();
        tags.ShouldBe(["1", "1.2", "1.2.3", "latest", $"sha-{repo.Sha[..7]}"]);
        var digests = new HashSet<string>();
        foreach (var tag in tags)
        {
            using var head = new HttpRequestMessage(HttpMethod.Head, $"http://{registry.Host}/v2/todo-api/manifests/{tag}");
            head.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
            head.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
            using var response = await http.SendAsync(head, TestContext.Current.CancellationToken);
            digests.Add(response.Headers.GetValues("Docker-Content-Digest").Single());
        }
        digests.Count.ShouldBe(1);
        first.Output.ShouldContain("> buildah push");
        second.Output.ShouldContain($"todo-api:1.2.3 already at {digests.Single()}, nothing uploaded");
        second.Output.ShouldNotContain("> buildah push");
    }

    [Fact]
    public async Task ARegistryThatIsDownFailsPushWithOneLineAndExitCodeOne()
    {
        await using var registry = await RegistryServer.StartAsync();
        using var repo = new PushRepository();
        var baseImage = repo.PushBase(registry.Host);
        var down = $"127.0.0.1:{RegistryServer.FreePort()}";

        var (exitCode, output) = repo.Build("Push", "--skip", "Test", "--service", "todo-api", "--registry", down,
            "--build-arg", $"RUNTIME_IMAGE={baseImage}", "--builder", "buildah");

        exitCode.ShouldBe(1);
        output.ShouldContain($"Registry {down} is unreachable");
        output.ShouldNotContain("   at ");
    }

    [Fact]
    public void AnInvalidTagSchemeIsAUsageErrorBeforeAnythingIsBuilt()
    {
        using var repo = new PushRepository();

        var (exitCode, output) = repo.Build("Push", "--skip", "Test", "--service", "todo-api", "--registry", "127.0.0.1:1",
            "--builder", "buildah", "--tag-scheme", "{{sha7}},no/slashes");

        exitCode.ShouldBe(2, output);
        output.ShouldContain("Tag 'no/slashes' from --tag-scheme is not a valid image tag");
        output.ShouldNotContain("> sh -c");
    }
}
