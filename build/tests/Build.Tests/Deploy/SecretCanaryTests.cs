using System.Text;
using System.Text.Json;
using Build.Tests.Platform;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Tests.Reliability;

namespace Build.Tests.Deploy;

/// <summary>
/// A canary value for every [Secret] parameter, through a real in-process Deploy against a real registry (with Basic
/// auth), a bare GitOps remote with the git-ref deploy lock, the Slack fake and the GitHub deployments fake: none may
/// come out anywhere a user, a log collector or a later job could read it.
/// </summary>
[Trait("Reliability", "secrets")]
public sealed class SecretCanaryTests
{
    private static readonly Dictionary<string, string> Canaries = new()
    {
        ["--registry-password"] = "cnry-registry-pw-4f9d1c",
        ["--git-token"] = "cnry-git-token-8b27e0",
        ["--gitops-token"] = "cnry-gitops-token-31c5aa",
        ["--argocd-token"] = "cnry-argocd-token-d06b72",
        ["--github-token"] = "cnry-github-token-9e4f13",
        ["--slack-bot-token"] = "cnry-slack-bot-token-5a8c29",
        ["--slack-webhook"] = "", // a URL: filled in with the fake's address and a canary path
    };

    [Fact]
    public async Task NoSecretOfADeployAppearsInOutputRecordPayloadsGitConfigOrAnyFileLeftBehind()
    {
        await using var world = await DeployWorld.CreateAsync(username: "deployer", password: Canaries["--registry-password"]);
        await using var slack = await FakeSlackApi.StartAsync();
        await using var github = await FakeGitHubApi.StartAsync();
        slack.Token = Canaries["--slack-bot-token"];
        github.Tokens.Add(Canaries["--github-token"]);
        var webhook = new Uri(slack.WebhookUrl, "?cnry-slack-webhook-77e3b1").ToString();
        var secrets = Canaries.Where(c => c.Value.Length > 0).Select(c => c.Value).Append("cnry-slack-webhook-77e3b1").ToList();
        await world.Registry.PutImageAsync("todo/todo-api", "abc1234");
        var environment = new Dictionary<string, string>(world.Environment())
        {
            ["GITHUB_RUN_ID"] = "4242",
            ["GITHUB_REPOSITORY"] = "acme/todo",
            ["GITHUB_SHA"] = DeployWorld.Git(world.Root, "rev-parse", "HEAD"),
        };

        var run = await PipelineRun.StartAsync(world.Root, environment, null, world.DeployArgs("abc1234",
            "--registry-username", "deployer", "--registry-password", Canaries["--registry-password"],
            "--git-token", Canaries["--git-token"],
            "--gitops-token", Canaries["--gitops-token"], "--deploy-lock", "git-ref",
            "--argocd-token", Canaries["--argocd-token"],
            "--github-token", Canaries["--github-token"], "--github-api-url", github.Url.ToString(),
            "--slack-bot-token", Canaries["--slack-bot-token"], "--slack-channel", "#builds", "--slack-api-url", slack.ApiUrl.ToString(),
            "--slack-webhook", webhook));

        run.ExitCode.ShouldBe(0, run.Output);
        slack.Messages.ShouldNotBeEmpty("the Slack notifier ran");
        github.Deployments.ShouldNotBeEmpty("the GitHub deployments notifier ran");
        var places = new Dictionary<string, string>
        {
            ["output"] = run.Output,
            ["run record"] = JsonSerializer.Serialize(run.Record),
            ["Slack payloads"] = string.Join("\n", slack.Calls.Select(c => c.Body)),
            ["GitHub API bodies"] = string.Join("\n", github.Bodies),
            ["GitOps history"] = world.GitRemote("log", "-p", "--all", "--format=%H %an %ae%n%B"),
            ["GitOps refs"] = world.GitRemote("for-each-ref"),
        };
        foreach (var repo in GitDirectories(world.Root)) places[$"git config of {repo}"] = DeployWorld.Git(world.Root, "--git-dir", repo, "config", "--list");
        foreach (var file in Directory.EnumerateFiles(world.Root, "*", SearchOption.AllDirectories))
            places[$"file {Path.GetRelativePath(world.Root, file)}"] = Encoding.UTF8.GetString(File.ReadAllBytes(file));

        var leaks = (from place in places from secret in secrets where place.Value.Contains(secret, StringComparison.Ordinal) select $"{secret} in {place.Key}").ToList();
        ReliabilityFigures.Record("secret occurrences", leaks.Count, secrets.Count);
        leaks.ShouldBeEmpty();
        places.Keys.ShouldContain(k => k.StartsWith("file .nuke/temp/", StringComparison.Ordinal), "the run leaves its record in .nuke/temp, which was searched");
    }

    // Every repository under the world (its own, the GitOps remote, any clone left in .nuke/temp).
    private static IEnumerable<string> GitDirectories(string root) =>
        Directory.EnumerateFiles(root, "HEAD", SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName)
            .Where(d => File.Exists(Path.Combine(d!, "config")) && Directory.Exists(Path.Combine(d!, "objects")))
            .Select(d => d!);
}
