using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Tests.Catalog;
using Shipyard.Delivery.Tests.Infrastructure;

namespace Shipyard.Delivery.Tests.Platform;

/// <summary>
/// deploy/ssm/deploy.sh as the K3s host runs it: real `aws s3 cp` against moto, real kustomize rendering; only
/// the cluster is faked, by a `kubectl` on PATH that logs its calls and renders `apply -k` with the real kubectl.
/// </summary>
public sealed class SsmDeployScriptTests : IDisposable
{
    private static readonly string Script = Path.Combine(RepositoryRoot.Path, "deploy/ssm/deploy.sh");
    private readonly TempRepository _sandbox = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _sandbox.Dispose();

    private string Log => Path.Combine(_sandbox.Root, "kubectl.log");

    private string Rendered => Path.Combine(_sandbox.Root, "rendered.yaml");

    private async Task<ProcessResult> RunAsync(string[] args, int rolloutExit = 0, Dictionary<string, string?>? extra = null)
    {
        var realKubectl = (await new ProcessRunner(TextWriter.Null, s => s).RunAsync("sh", ["-c", "command -v kubectl"], cancellationToken: Ct)).StandardOutput.Trim();
        _sandbox.File("bin/kubectl", """
            #!/usr/bin/env bash
            printf '%s\n' "$*" >> "$FAKE_KUBECTL_LOG"
            if [[ "$1" == apply && "$2" == -k ]]; then exec "$REAL_KUBECTL" kustomize "$3" > "$FAKE_KUBECTL_RENDERED"; fi
            if [[ "$1" == apply && "$2" == -f ]]; then exec cp "$3" "$FAKE_KUBECTL_RENDERED"; fi
            if [[ "$*" == *"--raw=/readyz"* ]]; then exit "${FAKE_READYZ_EXIT:-0}"; fi
            if [[ "$*" == *"rollout status"* ]]; then exit "$FAKE_ROLLOUT_EXIT"; fi
            exit 0
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(_sandbox.Root, "bin/kubectl"), (UnixFileMode)0b111_101_101);
        var environment = new Dictionary<string, string?>(extra ?? [])
        {
            ["PATH"] = Path.Combine(_sandbox.Root, "bin") + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["REAL_KUBECTL"] = realKubectl,
            ["FAKE_KUBECTL_LOG"] = Log,
            ["FAKE_KUBECTL_RENDERED"] = Rendered,
            ["FAKE_ROLLOUT_EXIT"] = rolloutExit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return await new ProcessRunner(TextWriter.Null, s => s).RunAsync(Script, args,
            new ProcessOptions { Environment = environment, Check = false, WorkingDirectory = _sandbox.Root }, Ct);
    }

    [Fact]
    public async Task ShellcheckFindsNothing()
    {
        var result = await new ProcessRunner(TextWriter.Null, s => s).RunAsync("shellcheck", [Script], new ProcessOptions { Check = false }, Ct);

        result.ExitCode.ShouldBe(0, result.StandardOutput);
    }

    [Theory]
    [InlineData(new string[0], "usage: deploy.sh")]
    [InlineData(new[] { "todo-api", "img" }, "usage: deploy.sh")]
    [InlineData(new[] { "Todo_API", "img", "abc1234" }, "invalid service name 'Todo_API'")]
    [InlineData(new[] { "-x", "todo-api", "img", "abc1234" }, "usage: deploy.sh")]
    public async Task BadArgumentsAreAUsageErrorWithExitCodeTwoAndNoClusterCall(string[] args, string message)
    {
        var result = await RunAsync(args);

        result.ExitCode.ShouldBe(2);
        result.StandardError.ShouldContain(message);
        File.Exists(Log).ShouldBeFalse();
    }

    [Fact]
    public async Task WithABucketTheManifestsAreDownloadedAndAppliedWithTheNewImage()
    {
        await using var moto = await MotoS3Server.StartAsync(Ct);
        var aws = new ProcessRunner(TextWriter.Null, s => s);
        var awsOptions = new ProcessOptions { Environment = moto.AwsEnvironment };
        await aws.RunAsync("aws", ["s3", "mb", "s3://manifests"], awsOptions, Ct);
        await aws.RunAsync("aws", ["s3", "cp", "--recursive", Path.Combine(RepositoryRoot.Path, "deploy/applications/todo-api"), "s3://manifests/applications/todo-api/"], awsOptions, Ct);

        var result = await RunAsync(["-b", "manifests", "-t", "90s", "todo-api", "127.0.0.1:5000/todo-api", "abc1234"], extra: moto.AwsEnvironment);

        result.ExitCode.ShouldBe(0, result.StandardError);
        var rendered = await File.ReadAllTextAsync(Rendered, Ct);
        rendered.ShouldContain("image: 127.0.0.1:5000/todo-api:abc1234");
        rendered.ShouldContain("kind: Service");
        (await File.ReadAllTextAsync(Log, Ct)).ShouldContain("-n todo rollout status deployment/todo-api --timeout=90s");
        result.StandardOutput.ShouldContain("Deployed todo-api: 127.0.0.1:5000/todo-api:abc1234");
    }

    [Fact]
    public async Task AFailedRolloutIsUndoneAndTheScriptFails()
    {
        var result = await RunAsync(["-n", "apps", "todo-worker", "registry/todo-worker", "abc1234"], rolloutExit: 1);

        result.ExitCode.ShouldBe(1);
        (await File.ReadAllLinesAsync(Log, Ct)).ShouldBe([
            "get --raw=/readyz --request-timeout=30s",
            "-n apps set image deployment/todo-worker todo-worker=registry/todo-worker:abc1234 --request-timeout=30s",
            "-n apps rollout status deployment/todo-worker --timeout=300s",
            "-n apps get pods -o wide --request-timeout=30s",
            "-n apps rollout undo deployment/todo-worker --request-timeout=30s",
        ]);
        result.StandardError.ShouldContain("Rollout of todo-worker failed; undoing it");
    }

    [Fact]
    public async Task AMissingBucketFailsBeforeTouchingTheCluster()
    {
        await using var moto = await MotoS3Server.StartAsync(Ct);

        var result = await RunAsync(["-b", "no-such-bucket", "todo-api", "img", "abc1234"], extra: moto.AwsEnvironment);

        result.ExitCode.ShouldNotBe(0);
        File.Exists(Log).ShouldBeFalse();
    }

    [Theory]
    [InlineData("todo-api; rm -rf /", "img", "abc1234", "invalid service name")]
    [InlineData("todo-api", "img$(id)", "abc1234", "invalid image")]
    [InlineData("todo-api", "img", "abc`id`", "invalid tag")]
    [InlineData("todo-api", "img", "abc'1", "invalid tag")]
    [InlineData("todo-api", "img", "abc\n1", "invalid tag")]
    [InlineData("todo-api", "img", "", "usage: deploy.sh")]
    public async Task ShellMetacharactersInAnyArgumentAreRefusedBeforeTheClusterIsTouched(string service, string image, string tag, string message)
    {
        var result = await RunAsync([service, image, tag]);

        result.ExitCode.ShouldBe(2);
        result.StandardError.ShouldContain(message);
        File.Exists(Log).ShouldBeFalse();
    }

    [Theory]
    [InlineData("-n", "todo;id")]
    [InlineData("-k", "job")]
    [InlineData("-g", "sha256:zz")]
    [InlineData("-t", "90s; id")]
    [InlineData("-a", "s3://b/$(id)")]
    [InlineData("-r", "us-east-1 --debug")]
    public async Task ABadOptionValueIsRefusedBeforeTheClusterIsTouched(string option, string value)
    {
        var result = await RunAsync([option, value, "todo-api", "img", "abc1234"]);

        result.ExitCode.ShouldBe(2);
        result.StandardError.ShouldContain("deploy.sh: invalid");
        File.Exists(Log).ShouldBeFalse();
    }

    [Fact]
    public async Task AnUnhealthyApiStopsTheDeployBeforeAnythingIsApplied()
    {
        var result = await RunAsync(["todo-api", "img", "abc1234"], extra: new() { ["FAKE_READYZ_EXIT"] = "1" });

        result.ExitCode.ShouldBe(1);
        result.StandardError.ShouldContain("the K3s API is not healthy");
        (await File.ReadAllLinesAsync(Log, Ct)).ShouldBe(["get --raw=/readyz --request-timeout=30s"]);
    }

    [Fact]
    public async Task TheRenderedArchiveIsAppliedAsItIsWithTheRequestTimeout()
    {
        await using var moto = await MotoS3Server.StartAsync(Ct);
        var digest = "sha256:" + new string('a', 64);
        var archive = await ArchiveAsync($"kind: Deployment\nimage: reg/todo-api:abc1234@{digest}\n");
        var aws = new ProcessOptions { Environment = moto.AwsEnvironment };
        await new ProcessRunner(TextWriter.Null, s => s).RunAsync("aws", ["s3", "mb", "s3://k3s-deploy-1"], aws, Ct);
        await new ProcessRunner(TextWriter.Null, s => s).RunAsync("aws", ["s3", "cp", archive, "s3://k3s-deploy-1/manifests.tar.gz"], aws, Ct);

        var result = await RunAsync(["-a", "s3://k3s-deploy-1/manifests.tar.gz", "-r", "us-east-1", "-g", digest, "-q", "20s", "-N", "todo-api", "reg/todo-api", "abc1234"],
            extra: moto.AwsEnvironment);

        result.ExitCode.ShouldBe(0, result.StandardError);
        (await File.ReadAllTextAsync(Rendered, Ct)).ShouldContain($"image: reg/todo-api:abc1234@{digest}");
        (await File.ReadAllLinesAsync(Log, Ct)).ShouldContain(l => l.StartsWith("apply -f ", StringComparison.Ordinal) && l.EndsWith("--request-timeout=20s", StringComparison.Ordinal));
        result.StandardOutput.ShouldContain($"Deployed todo-api: reg/todo-api:abc1234@{digest}");
    }

    [Fact]
    public async Task AnArchiveThatDoesNotNameTheImageFailsBeforeTouchingTheCluster()
    {
        await using var moto = await MotoS3Server.StartAsync(Ct);
        var archive = await ArchiveAsync("image: reg/todo-api:old\n");
        var aws = new ProcessOptions { Environment = moto.AwsEnvironment };
        await new ProcessRunner(TextWriter.Null, s => s).RunAsync("aws", ["s3", "mb", "s3://k3s-deploy-2"], aws, Ct);
        await new ProcessRunner(TextWriter.Null, s => s).RunAsync("aws", ["s3", "cp", archive, "s3://k3s-deploy-2/manifests.tar.gz"], aws, Ct);

        var result = await RunAsync(["-a", "s3://k3s-deploy-2/manifests.tar.gz", "todo-api", "reg/todo-api", "abc1234"], extra: moto.AwsEnvironment);

        result.ExitCode.ShouldBe(1);
        result.StandardError.ShouldContain("do not name reg/todo-api:abc1234");
        File.Exists(Log).ShouldBeFalse();
    }

    [Fact]
    public async Task WithoutUndoAFailedRolloutIsLeftForThePipeline()
    {
        var result = await RunAsync(["-N", "-k", "statefulset", "todo-api", "img", "abc1234"], rolloutExit: 1);

        result.ExitCode.ShouldBe(1);
        (await File.ReadAllLinesAsync(Log, Ct)).ShouldNotContain(l => l.Contains("rollout undo", StringComparison.Ordinal));
        result.StandardError.ShouldContain("left for the pipeline's rollback");
    }

    private async Task<string> ArchiveAsync(string manifests)
    {
        var dir = Path.Combine(_sandbox.Root, "bundle");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "manifests.yaml"), manifests, Ct);
        var archive = Path.Combine(_sandbox.Root, "manifests.tar.gz");
        await new ProcessRunner(TextWriter.Null, s => s).RunAsync("tar", ["-czf", archive, "-C", dir, "manifests.yaml"], cancellationToken: Ct);
        return archive;
    }
}
