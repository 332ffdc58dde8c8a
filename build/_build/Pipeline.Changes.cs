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
    readonly string BaseFrom = "auto";

    [Parameter("GenerateWorkflows: also write one path-filtered deploy workflow per service")]
    readonly bool PathFilteredWorkflows = false;

    ChangeSet? _changeSet;

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
            var workflows = WorkflowGenerator.Generate(WorkflowSpecification(CatalogForChanges(RootDirectory), PathFilteredWorkflows));
            var written = await WorkflowFiles.WriteAsync(Path.Combine(RootDirectory, ".github", "workflows"), workflows, context.CancellationToken);
            foreach (var file in written) await context.Output.WriteLineAsync($"wrote {Path.GetRelativePath(RootDirectory, file)}");
            context.Note(written.Count == 0 ? "up to date" : $"{written.Count} file(s) written");
        });

    /// <summary>
    /// The services every per-service target works on when --service is not given: those whose image must be rebuilt.
    /// (Integrator: wire into SelectedServices for Test/Build/Push.)
    /// </summary>
    IReadOnlyList<Service> ServicesToBuild() => [.. AffectedChangeSet().ToBuild.Select(a => a.Service)];

    /// <summary>The services to deploy when --service is not given: rebuilt ones and those whose manifest alone changed.</summary>
    IReadOnlyList<Service> ServicesToDeploy() => [.. AffectedChangeSet().ToDeploy.Select(a => a.Service)];

    /// <summary>Build and deploy decisions with reasons, computed once per run.</summary>
    ChangeSet AffectedChangeSet() => DetectChangesAsync(CancellationToken.None).GetAwaiter().GetResult();

    async Task<ChangeSet> DetectChangesAsync(CancellationToken cancellationToken)
    {
        if (_changeSet is not null) return _changeSet;
        var catalog = CatalogForChanges(RootDirectory);
        var runner = new ProcessRunner(Log, s => s); // Log masks secrets; change detection handles none
        if (Service.Length > 0)
        {
            var head = await new ProcessRunner(TextWriter.Null, s => s).RunAsync("git", ["-C", RootDirectory, "rev-parse", Head],
                new ProcessOptions { Echo = false }, cancellationToken);
            return _changeSet = ChangeSet.Selected(catalog, Service, head.StandardOutput.Trim());
        }
        var request = new ChangeRequest
        {
            Base = string.IsNullOrWhiteSpace(Base) ? null : Base,
            Head = Head,
            BaseFrom = BaseSourceParser.Parse(BaseFrom),
            Event = GitHubEventReader.FromEnvironment(Environment),
        };
        return _changeSet = await ChangeDetection.ForRepository(RootDirectory, runner).DetectAsync(request, catalog, cancellationToken);
    }

    /// <summary>
    /// The generator's input from the build's own definitions: target names via nameof, so renaming a target
    /// regenerates the workflows (and the staleness test fails until they are checked in).
    /// </summary>
    internal static WorkflowSpec WorkflowSpecification(IReadOnlyList<Service> catalog, bool pathFilteredPerService = false) => new()
    {
        Services = catalog,
        Secrets = WorkflowSecrets,
        ChangesTarget = nameof(Changes),
        PullRequestTargets = [nameof(Test), nameof(Build)],
        DeployTarget = nameof(Deploy),
        PublishTarget = nameof(Push),
        BuildTargets = [nameof(Test), nameof(Build), nameof(Push)],
        PathFilteredPerService = pathFilteredPerService,
    };

    /// <summary>
    /// PLACEHOLDER (integrator): the environment names of the build's [Secret] parameters. Replace with the engine's
    /// list of secret parameters once it exposes one, so a new secret reaches CI by regenerating the workflows.
    /// </summary>
    static readonly string[] WorkflowSecrets = ["REGISTRY_PASSWORD", "GITOPS_TOKEN", "ARGOCD_TOKEN", "SLACK_TOKEN"];

    /// <summary>
    /// PLACEHOLDER (integrator): the head's catalog. Replace with the loaded catalog of Pipeline.Catalog.cs. Until
    /// then: every services/&lt;name&gt;/ with a Dockerfile, with the conventional paths.
    /// </summary>
    internal static IReadOnlyList<Service> CatalogForChanges(string root)
    {
        var services = Path.Combine(root, "services");
        if (!Directory.Exists(services)) return [];
        return
        [
            .. Directory.GetDirectories(services).Select(Path.GetFileName).OfType<string>()
                .Where(name => File.Exists(Path.Combine(services, name, "Dockerfile")))
                .Order(StringComparer.Ordinal)
                .Select(name => new Service
                {
                    Name = name,
                    Directory = $"services/{name}",
                    ImageRepository = name,
                    Dockerfile = $"services/{name}/Dockerfile",
                    Context = $"services/{name}",
                    Manifest = new GitOpsManifest { Path = $"deploy/applications/{name}/kustomization.yaml", ImageName = name, Application = name },
                    Workload = new KubernetesWorkload { Deployment = name, Container = name },
                }),
        ];
    }
}
