using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Changes;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Workflows;
using Shipyard.Engine;

partial class Pipeline
{
    [Parameter("Base revision for change detection (overrides --base-from)")]
    readonly string? Base = null;

    [Parameter("Head revision for change detection")]
    readonly string Head = "HEAD";

    [Parameter("Base of change detection when --base is not given: auto (pull request → merge-base; otherwise each service's deployed commit, else the push's before), event, deployed, all")]
    readonly BaseSource BaseFrom = BaseSource.Auto;

    [Parameter("GenerateWorkflows: also write one path-filtered deploy workflow per service")]
    readonly bool PathFilteredWorkflows = false;

    [Parameter("GenerateWorkflows: runner of every job: a GitHub-hosted label, or a self-hosted one such as an ARC scale set's name (comma-separated labels for several)")]
    readonly string WorkflowRunsOn = "ubuntu-latest";

    ChangeSet? _changeSet;
    string? _defaultBranch;

    /// <summary>
    /// The repository's default branch, one answer for change detection and the tag schemes' "latest on the default
    /// branch": the CI event's payload, else origin/HEAD, else main.
    /// </summary>
    string DefaultBranchName => _defaultBranch ??= DefaultBranch.Resolve(RootDirectory, Environment);

    Target Changes => _ => _
        .Description("Shows which services changed (build? deploy? why?) and sets the CI outputs matrix, services, any")
        .Executes(async context =>
        {
            var changes = await DetectChangesAsync(context.CancellationToken);
            await context.Output.WriteAsync(ChangeReport.Table(changes));
            foreach (var (name, value) in ChangeReport.Outputs(changes)) context.Host.SetOutput(name, value);
            context.Host.AppendSummary(ChangeReport.Markdown(changes));
            context.Note(changes.Any ? $"{changes.Affected.Count} affected: {string.Join(", ", changes.Affected.Select(a => a.Service.Name))}" : "no service changed");
        });

    Target GenerateWorkflows => _ => _
        .Description("Writes .github/workflows/ from the build's targets, secret parameters and catalog")
        .Executes(async context =>
        {
            var workflows = WorkflowGenerator.Generate(WorkflowSpecification(Catalog.Services, PathFilteredWorkflows, WorkflowRunsOn));
            var written = await WorkflowFiles.WriteAsync(Path.Combine(RootDirectory, ".github", "workflows"), workflows, context.CancellationToken);
            foreach (var file in written) await context.Output.WriteLineAsync($"wrote {Path.GetRelativePath(RootDirectory, file)}");
            context.Note(written.Count == 0 ? "up to date" : $"{written.Count} file(s) written");
        });

    /// <summary>
    /// The services every per-service target works on when --service is not given: those whose image must be rebuilt.
    /// </summary>
    IReadOnlyList<Service> ServicesToBuild() => [.. AffectedChangeSet().ToBuild.Select(a => a.Service)];

    /// <summary>The services to deploy when --service is not given: rebuilt ones and those whose manifest alone changed.</summary>
    IReadOnlyList<Service> ServicesToDeploy() => [.. AffectedChangeSet().ToDeploy.Select(a => a.Service)];

    /// <summary>Build and deploy decisions with reasons, computed once per run.</summary>
    ChangeSet AffectedChangeSet() => DetectChangesAsync(CancellationToken.None).GetAwaiter().GetResult();

    async Task<ChangeSet> DetectChangesAsync(CancellationToken cancellationToken)
    {
        if (_changeSet is not null) return _changeSet;
        var catalog = Catalog.Services;
        var runner = ToolRunner(Log); // Log masks secrets; change detection handles none
        if (ServiceNames.Length > 0)
        {
            var head = await ToolRunner(TextWriter.Null).RunAsync("git", ["-C", RootDirectory, "rev-parse", Head],
                new ProcessOptions { Echo = false }, cancellationToken);
            return _changeSet = ChangeSet.Selected(catalog, ServiceNames, head.StandardOutput.Trim());
        }
        var request = new ChangeRequest
        {
            Base = string.IsNullOrWhiteSpace(Base) ? null : Base,
            Head = Head,
            BaseFrom = BaseFrom,
            Event = GitHubEventReader.FromEnvironment(Environment, DefaultBranchName),
        };
        return _changeSet = await ChangeDetection.ForRepository(RootDirectory, runner).DetectAsync(request, catalog, cancellationToken);
    }

    /// <summary>
    /// The generator's input from the build's own definitions: target names via nameof, so renaming a target
    /// regenerates the workflows (and the staleness test fails until they are checked in).
    /// </summary>
    internal static WorkflowSpec WorkflowSpecification(IReadOnlyList<Service> catalog, bool pathFilteredPerService = false, string runsOn = "ubuntu-latest") => new()
    {
        RunsOn = string.IsNullOrWhiteSpace(runsOn) ? throw new UsageException("The workflows' runner label is empty: name a runner label such as ubuntu-latest") : runsOn,
        Services = catalog,
        Secrets = WorkflowSecrets,
        ChangesTarget = nameof(Changes),
        PullRequestTargets = [nameof(Test), nameof(Build)],
        DeployTarget = nameof(Deploy),
        PublishTarget = nameof(Push),
        BuildTargets = [nameof(Test), nameof(Build), nameof(Push)],
        PathFilteredPerService = pathFilteredPerService,
        Profile = "ci",
    };

    /// <summary>
    /// The environment names of the build's [Secret] parameters, which CI passes from its secrets. The engine does
    /// not list its parameters publicly, so they are named here (nameof: renaming a field breaks the build, and a
    /// Build.Tests test fails when a [Secret] parameter is missing from this list).
    /// </summary>
    internal static readonly string[] WorkflowSecrets =
        [.. new[] { nameof(RegistryPassword), nameof(GitToken), nameof(ArgocdToken), nameof(GithubToken), nameof(GitopsToken), nameof(SlackBotToken), nameof(SlackWebhook) }.Select(EnvironmentName)];

    /// <summary><c>RegistryPassword</c> → <c>REGISTRY_PASSWORD</c>, the engine's environment-variable convention.</summary>
    internal static string EnvironmentName(string member) =>
        string.Concat(member.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
