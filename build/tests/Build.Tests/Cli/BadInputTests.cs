using Shipyard.Delivery.Tests.Reliability;

namespace Build.Tests.Cli;

/// <summary>
/// The README's promise for bad usage, over every class of bad input: exit code 2, exactly one line of output, before
/// any target runs (no run record), nothing changed in the repository and no tag created.
/// </summary>
[Trait("Reliability", "bad-input")]
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

        // Service names: path traversal and shell metacharacters name no service.
        { "service path traversal", ["Test", "--service", "../../etc"], "Unknown service '../../etc'. Available: todo-api" },
        { "service dot dot", ["Build", "--service", ".."], "Unknown service '..'. Available: todo-api" },
        { "service inside traversal", ["Deploy", "--service", "todo-api/../x"], "Unknown service 'todo-api/../x'. Available: todo-api" },
        { "service with a semicolon", ["Test", "--service", "todo-api;rm -rf /"], "Unknown service 'todo-api;rm -rf /'. Available: todo-api" },
        { "service with command substitution", ["Deploy", "--service", "$(id)"], "Unknown service '$(id)'. Available: todo-api" },
        { "service with backticks", ["Build", "--service", "`id`"], "Unknown service '`id`'. Available: todo-api" },

        // Image tags.
        { "image tag with a semicolon", ["Deploy", "--image-tag", "v1;id"], "--image-tag 'v1;id' is not a valid image tag" },
        { "image tag starting with a dash", ["Deploy", "--image-tag", "-rf"], "--image-tag '-rf' is not a valid image tag" },
        { "image tag of 129 characters", ["Deploy", "--image-tag", new string('a', 129)], $"--image-tag '{new string('a', 129)}' is not a valid image tag" },
        { "image tag with a space", ["Deploy", "--image-tag", "a b"], "--image-tag 'a b' is not a valid image tag" },
        { "rollback version with command substitution", ["Rollback", "--service", "todo-api", "--to", "$(id)", "--gitops-repository", "{gitops}"], "--to '$(id)' is not a valid image tag" },

        // Catalog (service.yaml).
        { "service.yaml invalid YAML", ["Test"], "services/todo-api/service.yaml:2: invalid YAML" },
        { "service.yaml unknown key", ["Test"], "services/todo-api/service.yaml:1: unknown key 'prepar'" },
        { "service.yaml not a mapping", ["Test"], "services/todo-api/service.yaml:1: the file must be a mapping of keys" },
        { "service.yaml unknown strategy", ["Test"], "services/todo-api/service.yaml:2: 'deploy.strategy' must be one of: gitops, ssm (got 'teleport')" },
        { "service.yaml unknown manifest kind", ["Test"], "services/todo-api/service.yaml:3: 'deploy.manifest.kind' must be one of: kustomize, helm, raw (got 'jsonnet')" },
        { "service.yaml unknown workload kind", ["Test"], "services/todo-api/service.yaml:2: 'deploy.kind' must be one of: Deployment, StatefulSet, DaemonSet (got 'CronJob')" },
        { "service.yaml image path traversal", ["Test"], "services/todo-api/service.yaml:1: 'image' is not a valid repository: '../evil'" },
        { "service.yaml manifest path traversal", ["Deploy", "--image-tag", "abc", "--gitops-repository", "{gitops}"], "services/todo-api/service.yaml:3: 'deploy.manifest.path' must stay inside the repository (got '../../../etc/passwd')" },
        { "service.yaml bad namespace", ["Deploy", "--image-tag", "abc", "--gitops-repository", "{gitops}"], "services/todo-api/service.yaml:2: 'deploy.namespace' is not a valid name: 'Bad_NS'" },

        // GitOps manifests: kustomization, Helm values, raw manifests.
        { "kustomization malformed", ["Deploy", "--image-tag", "abc", "--gitops-repository", "{gitops}"], "deploy/applications/todo-api/kustomization.yaml:2: malformed YAML" },
        { "kustomization without images", ["Deploy", "--image-tag", "abc", "--gitops-repository", "{gitops}"], "deploy/applications/todo-api/kustomization.yaml:1: no 'images:' list; add an entry with name: todo-api" },
        { "kustomization without the service's image", ["Deploy", "--image-tag", "abc", "--gitops-repository", "{gitops}"], "deploy/applications/todo-api/kustomization.yaml:2: no images entry with name: todo-api" },
        { "kustomization missing", ["Deploy", "--image-tag", "abc", "--gitops-repository", "{gitops}"], "deploy/applications/todo-api/kustomization.yaml: no such file in the GitOps repository" },
        { "values malformed", ["Deploy", "--image-tag", "abc", "--gitops-repository", "{gitops}"], "deploy/applications/todo-api/values.yaml:2: malformed YAML" },
        { "values without the image key", ["Deploy", "--image-tag", "abc", "--gitops-repository", "{gitops}"], "deploy/applications/todo-api/values.yaml:1: key 'image' not found (looking for 'image.repository')" },
        { "raw manifest malformed", ["Deploy", "--image-tag", "abc", "--gitops-repository", "{gitops}"], "deploy/applications/todo-api/deployment.yaml:3: malformed YAML" },
        { "raw manifest without the container", ["Deploy", "--image-tag", "abc", "--gitops-repository", "{gitops}"], "deploy/applications/todo-api/deployment.yaml:1: no container named 'todo-api'" },

        // Unknown targets, parameters and profiles.
        { "unknown target", ["Deplyo"], "Target 'Deplyo' does not exist. Did you mean 'Deploy'?" },
        { "unknown parameter", ["Test", "--servcie", "todo-api"], "Unknown parameter '--servcie'. Did you mean '--service'?" },
        { "unknown profile", ["Test", "--profile", "nope"], "Profile 'nope' does not exist: no .nuke/parameters.nope.json" },
        { "profile path traversal", ["Test", "--profile", "../x"], "Profile '../x' is not a profile name" },
        { "profile with a semicolon", ["Test", "--profile", "ci;id"], "Profile 'ci;id' is not a profile name" },

        // Bad values of every parameter type.
        { "int that is not a number", ["Test", "--parallelism", "abc"], "--parallelism expects int, got 'abc'." },
        { "int below its minimum", ["Test", "--parallelism", "0"], "--parallelism must be at least 1, got 0." },
        { "bool that is not a bool", ["Test", "--skip-build-tests", "maybe"], "--skip-build-tests expects bool, got 'maybe'." },
        { "duration that is not a duration", ["Deploy", "--lock-timeout", "5 minutes"], "--lock-timeout expects duration, got '5 minutes'." },
        { "negative duration", ["Verify", "--verify-timeout", "-5s"], "--verify-timeout expects duration, got '-5s'." },
        { "enum value unknown", ["Benchmark", "--benchmark-size", "Huge"], "--benchmark-size does not accept 'Huge'. Allowed: Small, Full" },
        { "enum value unknown (change base)", ["Changes", "--base-from", "sometimes"], "--base-from does not accept 'sometimes'. Allowed: Auto, Event, Deployed, All" },
        { "array item without a value", ["Build", "--build-arg", "NOVALUE"], "--build-arg 'NOVALUE' is not NAME=value" },
        { "array item with an empty name", ["Build", "--build-arg", "=x"], "--build-arg '=x' is not NAME=value" },
        { "array item with a space in the name", ["Push", "--build-arg", "A B=x"], "--build-arg 'A B=x' is not NAME=value" },

        // Shell metacharacters in string parameters: refused as data, never run.
        { "registry with shell metacharacters", ["Deploy", "--registry", "reg;rm -rf /"], "--registry 'reg;rm -rf /' is not a registry" },
        { "registry namespace with command substitution", ["Build", "--registry", "ghcr.io/$(id)"], "--registry 'ghcr.io/$(id)' is not a registry" },
        { "GitOps branch with a semicolon", ["Deploy", "--image-tag", "abc", "--gitops-repository", "{gitops}", "--gitops-branch", "main;id"], "GitOps repository {gitops} has no branch 'main;id'" },
        { "GitOps author with backticks", ["Deploy", "--image-tag", "abc", "--gitops-repository", "{gitops}", "--gitops-author", "x`id`"], "--gitops-author 'x`id`' must look like 'Name <email>'" },
        { "GitOps repository with command substitution", ["Deploy", "--image-tag", "abc", "--gitops-repository", "$(id)"], "GitOps repository {root}/$(id) does not exist" },
        { "GitHub repository with a semicolon", ["Deploy", "--github-repository", "a/b;c"], "--github-repository 'a/b;c' must be owner/name" },
        { "Slack API URL that is not http", ["Test", "--slack-api-url", "ftp://x;id"], "--slack-api-url must be an http(s) URL, got 'ftp://x;id'" },
        { "AWS endpoint URL that is not a URL", ["Deploy", "--aws-endpoint-url", "$(id)"], "--aws-endpoint-url must be an http(s) URL, got '$(id)'" },
        { "Argo CD server with a semicolon", ["Deploy", "--argocd-server", "http://x;id"], "--argocd-server must be an http(s) URL" },
        { "builder with a semicolon", ["Build", "--builder", "docker;id"], "Unknown builder 'docker;id'. Available: docker, podman, buildah." },
        { "kube context with command substitution", ["Verify", "--kube-context", "$(id)"], "kube context '$(id)' was asked for but there is no kubeconfig" },
        { "head revision with a pipe", ["Changes", "--head", "HEAD|id"], "--head 'HEAD|id' is not a commit in this repository" },
    };

    private const string Kustomize = "deploy/applications/todo-api/kustomization.yaml";
    private const string Values = "deploy/applications/todo-api/values.yaml";
    private const string Raw = "deploy/applications/todo-api/deployment.yaml";
    private const string GoodKustomization = "images:\n- name: todo-api\n  newName: 127.0.0.1:5000/todo-api\n  newTag: old1234\n";

    private static Dictionary<string, string> GitOps(string path, string text) => new() { [path] = text };

    /// <summary>The repository a case runs in: a bad parameter file, a bad service.yaml or bad GitOps manifests.</summary>
    private static BadInputRepository RepositoryFor(string @case) => @case switch
    {
        "tag template in service.yaml" => new BadInputRepository(serviceYaml: "tags: '{{sha7}};x'\n"),
        "empty service in parameters.json" => new BadInputRepository("{\"Service\": \",\"}\n"),
        "unknown key in parameters.json" => new BadInputRepository("{\"$schema\": \"./build.schema.json\", \"UseSandboxx\": true}\n"),
        "invalid parameters.json" => new BadInputRepository(Invalid),
        "service.yaml invalid YAML" => new BadInputRepository(serviceYaml: "prepare: [unclosed\n"),
        "service.yaml unknown key" => new BadInputRepository(serviceYaml: "prepar: echo ok\n"),
        "service.yaml not a mapping" => new BadInputRepository(serviceYaml: "- a\n- b\n"),
        "service.yaml unknown strategy" => new BadInputRepository(serviceYaml: "deploy:\n  strategy: teleport\n"),
        "service.yaml unknown manifest kind" => new BadInputRepository(serviceYaml: "deploy:\n  manifest:\n    kind: jsonnet\n"),
        "service.yaml unknown workload kind" => new BadInputRepository(serviceYaml: "deploy:\n  kind: CronJob\n"),
        "service.yaml image path traversal" => new BadInputRepository(serviceYaml: "image: ../evil\n"),
        "service.yaml manifest path traversal" => new BadInputRepository(serviceYaml: "deploy:\n  manifest:\n    path: ../../../etc/passwd\n", gitops: GitOps(Kustomize, GoodKustomization)),
        "service.yaml bad namespace" => new BadInputRepository(serviceYaml: "deploy:\n  namespace: Bad_NS\n", gitops: GitOps(Kustomize, GoodKustomization)),
        "kustomization malformed" => new BadInputRepository(gitops: GitOps(Kustomize, "images: [\n")),
        "kustomization without images" => new BadInputRepository(gitops: GitOps(Kustomize, "resources: [deployment.yaml]\n")),
        "kustomization without the service's image" => new BadInputRepository(gitops: GitOps(Kustomize, "images:\n- name: other\n  newTag: x\n")),
        "kustomization missing" => new BadInputRepository(gitops: GitOps("README.md", "manifests\n")),
        "values malformed" => new BadInputRepository(serviceYaml: "deploy:\n  manifest:\n    kind: helm\n", gitops: GitOps(Values, "image: [\n")),
        "values without the image key" => new BadInputRepository(serviceYaml: "deploy:\n  manifest:\n    kind: helm\n", gitops: GitOps(Values, "replicas: 2\n")),
        "raw manifest malformed" => new BadInputRepository(serviceYaml: "deploy:\n  manifest:\n    kind: raw\n", gitops: GitOps(Raw, "kind: Deployment\nspec: [\n")),
        "raw manifest without the container" => new BadInputRepository(serviceYaml: "deploy:\n  manifest:\n    kind: raw\n", gitops: GitOps(Raw, "kind: Service\nmetadata:\n  name: x\n")),
        "rollback version with command substitution" or "GitOps branch with a semicolon" or "GitOps author with backticks" => new BadInputRepository(gitops: GitOps(Kustomize, GoodKustomization)),
        _ => new BadInputRepository(),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInputIsOneLineExitCodeTwoBeforeAnyTargetRunsAndChangesNothing(string @case, string[] args, string expected)
    {
        using var figure = ReliabilityFigures.Case("bad-input cases");
        using var repo = RepositoryFor(@case);
        string Fill(string text) => text.Replace("{gitops}", repo.GitOpsPath ?? "{gitops}", StringComparison.Ordinal).Replace("{root}", repo.Root, StringComparison.Ordinal);
        var gitopsBefore = repo.GitOpsPath is null ? null : repo.GitOps("for-each-ref");

        var (exitCode, output, record) = await repo.RunAsync([.. args.Select(Fill)]);

        exitCode.ShouldBe(2, output);
        output.TrimEnd('\n').Split('\n').ShouldHaveSingleItem().ShouldStartWith(Fill(expected));
        record.ShouldBeNull("no target ran");
        // The engine's own ignored files (the schema it keeps current, its temp folder) are the only things allowed.
        repo.Git("status", "--porcelain", "--ignored").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Except(["!! .nuke/build.schema.json", "!! .nuke/temp/"]).ShouldBeEmpty("nothing created in the repository");
        repo.Git("tag", "--list").ShouldBe("todo-api/v1.2.3");
        if (gitopsBefore is not null) repo.GitOps("for-each-ref").ShouldBe(gitopsBefore, "nothing pushed");
        figure.Held();
    }

    [Fact]
    public void TheCorpusHasAtLeastFortyCasesWithDistinctNames()
    {
        var names = Cases.Select(c => (string)c.Data.Item1).ToList();

        names.Count.ShouldBeGreaterThanOrEqualTo(40);
        names.ShouldBeUnique();
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
