using System.Diagnostics;
using Shipyard.Delivery.Tests.Infrastructure;

namespace Build.Tests.Deploy;

/// <summary>
/// <c>./build.sh Deploy</c> as a user runs it, against a throwaway bare GitOps repository seeded with the repository's
/// own todo-api kustomization. The methods of one class run one after another, so build.sh compiles at most once.
/// </summary>
public sealed class GitOpsDeployCliTests : IDisposable
{
    private const string Manifest = "deploy/applications/todo-api/kustomization.yaml";
    private readonly string _dir = Directory.CreateTempSubdirectory("gitops-cli-").FullName;
    private static readonly string Root = FindRoot();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task DeployPinsTheTagByItsDigestChangingOnlyTheImageLinesAndASecondRunCommitsNothing()
    {
        await using var registry = await RegistryServer.StartAsync();
        var digest = await registry.PutImageAsync("todo/todo-api", "abc1234");
        var remote = await SeedAsync(await File.ReadAllTextAsync(Path.Combine(Root, Manifest), TestContext.Current.CancellationToken));

        var first = await BuildAsync("--image-tag", "abc1234", "--gitops-repository", remote, "--registry", $"{registry.Host}/todo");
        var second = await BuildAsync("--image-tag", "abc1234", "--gitops-repository", remote, "--registry", $"{registry.Host}/todo");

        first.Code.ShouldBe(0, first.Output);
        second.Code.ShouldBe(0, second.Output);
        (await GitAsync(remote, "log", "--format=%s", "main")).ShouldBe("Update todo-api to version abc1234\nSeed\n");
        (await GitAsync(remote, "diff", "--unified=0", "main~1", "main")).Split('\n').Where(l => l.StartsWith('+') || l.StartsWith('-')).Skip(2).ShouldBe([
            "-    newName: registry.example.com/todo/todo-api # registry from --registry",
            "-    newTag: \"0000000\" # short commit SHA of the deployed build",
            $"+    newName: {registry.Host}/todo/todo-api # registry from --registry",
            "+    newTag: \"abc1234\" # short commit SHA of the deployed build",
            $"+    digest: {digest}",
        ]);
        second.Output.ShouldContain("already deployed: ");
    }

    [Fact]
    public async Task AMovingTagIsResolvedToItsDigestSoANewImageUnderTheSameTagIsDeployedAgain()
    {
        await using var registry = await RegistryServer.StartAsync();
        var remote = await SeedAsync(await File.ReadAllTextAsync(Path.Combine(Root, Manifest), TestContext.Current.CancellationToken));
        var first = await registry.PutImageAsync("todo/todo-api", "latest", seed: "one");
        (await BuildAsync("--image-tag", "latest", "--gitops-repository", remote, "--registry", $"{registry.Host}/todo")).Code.ShouldBe(0);
        var second = await registry.PutImageAsync("todo/todo-api", "latest", seed: "two");

        var run = await BuildAsync("--image-tag", "latest", "--gitops-repository", remote, "--registry", $"{registry.Host}/todo");

        run.Code.ShouldBe(0, run.Output);
        run.Output.ShouldNotContain("already deployed");
        second.ShouldNotBe(first);
        (await GitAsync(remote, "show", $"main:{Manifest}")).ShouldContain($"digest: {second}");
        RenderedImage(await GitAsync(remote, "show", $"main:{Manifest}")).ShouldBe($"{registry.Host}/todo/todo-api:latest@{second}");
    }

    // kubectl kustomize renders what Argo CD would apply: the image must come out pinned by digest.
    private string RenderedImage(string kustomization)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, $"render-{Guid.NewGuid():N}")).FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, Path.GetDirectoryName(Manifest)!)))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(dir, "kustomization.yaml"), kustomization);
        var (code, output) = RunAsync("kubectl", dir, ["kustomize", "."]).GetAwaiter().GetResult();
        code.ShouldBe(0, output);
        return output.Split('\n').Select(l => l.Trim().TrimStart('-', ' ')).First(l => l.StartsWith("image: ", StringComparison.Ordinal))["image: ".Length..];
    }

    [Theory]
    [InlineData("a:b", "images:\n  - name: todo-api\n    newTag: old\n", "--image-tag 'a:b' is not a valid image tag")]
    [InlineData("abc1234", "images:\n  - name: todo-api\n    newTag: a: b\n", $"{Manifest}:3: malformed YAML")]
    [InlineData("abc1234", "images:\n  - name: other\n", $"{Manifest}:2: no images entry with name: todo-api")]
    public async Task BadInputStopsTheRunWithOneLineAndExitCode2BeforeAnythingIsCommitted(string tag, string manifest, string error)
    {
        var remote = await SeedAsync(manifest);

        var run = await BuildAsync("--image-tag", tag, "--gitops-repository", remote);

        run.Code.ShouldBe(2, run.Output);
        run.Output.Trim().Split('\n')[^1].ShouldStartWith(error);
        (await GitAsync(remote, "log", "--format=%s", "main")).ShouldBe("Seed\n");
    }

    [Fact]
    public async Task AnUnreachableRepositoryIsOneLineWithExitCode2()
    {
        var run = await BuildAsync("--image-tag", "abc1234", "--gitops-repository", "http://127.0.0.1:1/infra.git");

        run.Code.ShouldBe(2, run.Output);
        run.Output.Trim().Split('\n')[^1].ShouldStartWith("GitOps repository http://127.0.0.1:1/infra.git is not reachable: ");
    }

    private async Task<string> SeedAsync(string kustomization)
    {
        var bare = Path.Combine(_dir, $"infra-{Guid.NewGuid():N}.git");
        var work = Path.Combine(_dir, $"work-{Guid.NewGuid():N}");
        await GitAsync(_dir, "init", "--quiet", "--bare", "--initial-branch=main", bare);
        await GitAsync(_dir, "init", "--quiet", "--initial-branch=main", work);
        Directory.CreateDirectory(Path.Combine(work, Path.GetDirectoryName(Manifest)!));
        await File.WriteAllTextAsync(Path.Combine(work, Manifest), kustomization, TestContext.Current.CancellationToken);
        await GitAsync(work, "add", "-A");
        await GitAsync(work, "commit", "--quiet", "-m", "Seed");
        await GitAsync(work, "push", "--quiet", bare, "HEAD:refs/heads/main");
        return bare;
    }

    private static async Task<(int Code, string Output)> BuildAsync(params string[] args)
    {
        var all = new[] { "Deploy", "--service", "todo-api", "--skip", "Test", "Build", "Push", "Verify", "--no-logo", "--use-sandbox", "false" }.Concat(args).ToArray();
        return await RunAsync(Path.Combine(Root, "build.sh"), Root, all);
    }

    private static async Task<string> GitAsync(string dir, params string[] args)
    {
        var (code, output) = await RunAsync("git", dir, ["-c", "user.name=Test", "-c", "user.email=test@example.com", .. args]);
        code.ShouldBe(0, output);
        return output;
    }

    private static async Task<(int, string)> RunAsync(string file, string dir, string[] args)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Remove("GITHUB_ACTIONS");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "build.sh"))) return dir.FullName;
        throw new InvalidOperationException("build.sh not found above the test folder");
    }
}
