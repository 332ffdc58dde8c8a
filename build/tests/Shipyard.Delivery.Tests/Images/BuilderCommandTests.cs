using Shipyard.Delivery.Images;
using Shipyard.Delivery.Images.Builders;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Registry;

namespace Shipyard.Delivery.Tests.Images;

/// <summary>
/// Docker and Podman are not runnable here, so these run each builder against a stand-in program that records its
/// arguments and answers like the real CLI; buildah itself is covered by the push tests on a real registry.
/// </summary>
public sealed class BuilderCommandTests : IDisposable
{
    private const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private readonly string _dir = Directory.CreateTempSubdirectory("fake-builder-").FullName;
    private readonly StringWriter _log = new();

    private string Calls => File.ReadAllText(Path.Combine(_dir, "calls"));

    private static readonly ImageBuildRequest Request = new("127.0.0.1:5000/todo-api:abc1234", "/src/Dockerfile", "/src")
    {
        BuildArgs = new Dictionary<string, string> { ["RUNTIME_IMAGE"] = "127.0.0.1:5000/base:1" },
        Labels = new Dictionary<string, string> { ["org.opencontainers.image.revision"] = "abc" },
    };

    [Fact]
    public async Task DockerBuildxBuildsWithLoadAndPushesWithATemporaryConfigInsteadOfTheSecret()
    {
        var docker = new DockerBuilder(Runner(), buildx: true, Fake($"echo ' abc1234: digest: {Digest} size: 528'", "sha256:2222"));

        await docker.BuildAsync(new(Request.Image, Request.Dockerfile, _dir) { BuildArgs = Request.BuildArgs, Labels = Request.Labels }, Ct);
        var digest = await docker.PushAsync(Request.Image, new RegistryCredentials("ci", "hunter2"), Ct);

        digest.ShouldBe(Digest);
        Calls.ShouldContain($"buildx build --load -t 127.0.0.1:5000/todo-api:abc1234 -f /src/Dockerfile --build-arg RUNTIME_IMAGE=127.0.0.1:5000/base:1 --label org.opencontainers.image.revision=abc {_dir}");
        Calls.ShouldContain("--config /tmp/");
        Calls.ShouldNotContain("hunter2");
        _log.ToString().ShouldNotContain("hunter2");
        Directory.GetDirectories(Path.GetTempPath(), "shipyard-auth-*").ShouldNotContain(d => Calls.Contains(d));
    }

    [Fact]
    public async Task ClassicDockerBuildsWithoutBuildx()
    {
        var docker = new DockerBuilder(Runner(), buildx: false, Fake("true", "sha256:2222"));

        (await docker.BuildAsync(new(Request.Image, Request.Dockerfile, _dir), Ct)).ShouldBe("sha256:2222");

        Calls.ShouldStartWith("build -t 127.0.0.1:5000/todo-api:abc1234");
    }

    [Fact]
    public async Task PodmanPushesWithAuthFileDigestFileAndNoTlsForALoopbackRegistry()
    {
        var podman = new PodmanBuilder(Runner(), Fake($"for a; do case \"$prev\" in --digestfile) printf {Digest} > \"$a\";; esac; prev=$a; done", "2222"));

        var digest = await podman.PushAsync(Request.Image, new RegistryCredentials("ci", "hunter2"), Ct);

        digest.ShouldBe(Digest);
        Calls.ShouldMatch(@"push --digestfile \S+ --authfile /tmp/shipyard-auth-\S+/config.json --tls-verify=false 127.0.0.1:5000/todo-api:abc1234 docker://127.0.0.1:5000/todo-api:abc1234");
        (await podman.GetImageIdAsync(Request.Image, Ct)).ShouldBe("sha256:2222");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ProcessRunner Runner() => new(_log, s => s.Replace("hunter2", "***"));

    /// <summary>A stand-in CLI: logs its arguments, answers "inspect" with <paramref name="id"/>, otherwise runs <paramref name="push"/>.</summary>
    private string Fake(string push, string id)
    {
        var path = Path.Combine(_dir, "tool");
        File.WriteAllText(path, $$"""
            #!/bin/sh
            echo "$*" >> '{{_dir}}/calls'
            case "$*" in
              *inspect*) echo '{{id}}' ;;
              *push*) {{push}} ;;
            esac
            """ + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, true);
}
