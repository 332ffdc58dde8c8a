namespace Build.Tests.Cli;

/// <summary>
/// The README's promise for bad usage, over every class of bad input: exit code 2, exactly one line of output, before
/// any target runs (no run record), nothing changed in the repository and no tag created.
/// </summary>
public sealed class BadInputTests
{
    private const string Invalid = "{\n  \"Registry\":\n    \"x\",,\n}\n";

    public static TheoryData<string, string[], string> Cases => new()
    {
        { "deploy lock kind", ["Deploy", "--deploy-lock", "redis"], "--deploy-lock does not accept 'redis'. Allowed: none, lease, git-ref, github-variable" },
        { "deploy lock TTL", ["Deploy", "--lock-ttl", "0s"], "--lock-ttl must be positive" },
        { "Argo CD URL", ["Deploy", "--argocd-server", "argocd.example.com"], "--argocd-server must be an http(s) URL" },
        { "GitHub API URL", ["Deploy", "--github-api-url", "http://[bad"], "--github-api-url must be an http(s) URL" },
        { "image tag with a newline", ["Deploy", "--image-tag", "abc\ndef"], "--image-tag 'abc\\ndef' is not a valid image tag" },
        { "tag template", ["Build", "--tag-scheme", "{{sha7}};x"], "Tag template '{{sha7}};x' from --tag-scheme can never be a valid image tag" },
        { "tag template in service.yaml", ["Build"], "Tag template '{{sha7}};x' from services/todo-api/service.yaml (tags:) can never be a valid image tag" },
        { "password without user name", ["Push", "--skip", "Test", "Build", "--registry-password", "s3cret-value"], "--registry-username and --registry-password go together" },
        { "benchmark name", ["Benchmark", "--benchmark", "catalgo"], "--benchmark does not accept 'catalgo'" },
        { "base that does not exist", ["Changes", "--base", "no-such-ref"], "--base 'no-such-ref' is not a commit in this repository" },
        { "empty service", ["Test", "--service", ""], "--service was given an empty value ('')" },
        { "comma service", ["Test", "--service", ","], "--service was given an empty value (',')" },
        { "empty service in parameters.json", ["Test"], "--service (from parameters.json) was given an empty value (',')" },
        { "service with a newline", ["Test", "--service", "todo-api\nid"], "Unknown service 'todo-api\\nid'" },
        { "unknown key in parameters.json", ["Test"], ".nuke/parameters.json: unknown key 'UseSandboxx'. Did you mean 'UseSandbox'?" },
        { "invalid parameters.json", ["Test"], ".nuke/parameters.json is not valid JSON at line 3" },
        { "Bump to a remote that does not exist", ["Bump", "--service", "todo-api", "--git-remote", "nope"], "--git-remote 'nope' does not exist in this repository" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInputIsOneLineExitCodeTwoBeforeAnyTargetRunsAndChangesNothing(string @case, string[] args, string expected)
    {
        using var repo = @case switch
        {
            "tag template in service.yaml" => new BadInputRepository(serviceYaml: "tags: '{{sha7}};x'\n"),
            "empty service in parameters.json" => new BadInputRepository("{\"Service\": \",\"}\n"),
            "unknown key in parameters.json" => new BadInputRepository("{\"$schema\": \"./build.schema.json\", \"UseSandboxx\": true}\n"),
            "invalid parameters.json" => new BadInputRepository(Invalid),
            _ => new BadInputRepository(),
        };

        var (exitCode, output, record) = await repo.RunAsync(args);

        exitCode.ShouldBe(2, output);
        output.TrimEnd('\n').Split('\n').ShouldHaveSingleItem().ShouldStartWith(expected);
        record.ShouldBeNull("no target ran");
        repo.Git("status", "--porcelain").ShouldBeEmpty();
        repo.Git("tag", "--list").ShouldBe("todo-api/v1.2.3");
    }

    [Fact]
    public async Task LeavingTheListOutOrAnEmptyListInTheParameterFileStillMeansTheDefault()
    {
        using var repo = new BadInputRepository("{\"$schema\": \"./build.schema.json\", \"Service\": [], \"BuildArg\": []}\n");

        var (exitCode, output, _) = await repo.RunAsync("Test", "--plan");

        exitCode.ShouldBe(0, output);
        output.ShouldContain("1. Test");
    }
}
