namespace Shipyard.Delivery.Workflows;

/// <summary>The building blocks every generated job shares: official actions only, everything else is <c>./build.sh</c>.</summary>
internal static class WorkflowSteps
{
    /// <summary>Checkout with full history (change detection and versioning need it), .NET from global.json, NuGet cache.</summary>
    public static IEnumerable<YamlNode> Setup() =>
    [
        new YamlMap().Add("uses", "actions/checkout@v4").Add("with", new YamlMap().Add("fetch-depth", YamlScalar.Number(0))),
        new YamlMap().Add("uses", "actions/setup-dotnet@v4").Add("with", new YamlMap().Add("global-json-file", "global.json")),
        new YamlMap().Add("uses", "actions/cache@v4").Add("with", new YamlMap()
            .Add("path", "~/.nuget/packages")
            .Add("key", "nuget-${{ runner.os }}-${{ hashFiles('**/packages.lock.json') }}")
            .Add("restore-keys", "nuget-${{ runner.os }}-")),
    ];

    /// <summary>The detect job: runs the change target and exposes its matrix, services and any outputs.</summary>
    public static YamlMap DetectJob(WorkflowSpec spec, YamlScalar run, YamlMap? env = null)
    {
        var outputs = new YamlMap();
        foreach (var name in new[] { "matrix", "services", "any" })
            outputs.Add(name, $"${{{{ steps.changes.outputs.{name} }}}}");
        return new YamlMap()
            .Add("name", "Detect changed services")
            .Add("runs-on", RunsOn(spec))
            .Add("outputs", outputs)
            .Add("steps", new YamlSeq([.. Setup(),
                new YamlMap().Add("name", spec.ChangesTarget).Add("id", "changes").Add("run", run).Add("env", env)]));
    }

    /// <summary>The per-service matrix from the detect job's output, guarded because GitHub rejects an empty matrix.</summary>
    public static YamlMap MatrixJob(string name) => new YamlMap()
        .Add("name", name)
        .Add("needs", "detect")
        .Add("if", "needs.detect.outputs.any == 'true'");

    public static YamlMap Strategy() => new YamlMap()
        .Add("fail-fast", false)
        .Add("matrix", "${{ fromJSON(needs.detect.outputs.matrix) }}");

    /// <summary>Environment of a step: the given entries, then every secret parameter.</summary>
    public static YamlMap Environment(WorkflowSpec spec, params (string Name, string Value)[] entries)
    {
        var env = new YamlMap();
        foreach (var (name, value) in entries) env.Add(name, value);
        foreach (var s in spec.Secrets) env.Add(s, $"${{{{ secrets.{s} }}}}");
        return env;
    }

    /// <summary><c>runs-on</c>: one label, or a list for comma-separated labels.</summary>
    public static YamlNode RunsOn(WorkflowSpec spec)
    {
        var labels = spec.RunsOn.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return labels.Length == 1 ? new YamlScalar(labels[0]) : YamlSeq.Of(labels);
    }

    /// <summary>
    /// AWS credentials by OIDC for the SSM services of the matrix (none of the others needs them): short-lived keys of
    /// the role, exported as AWS_* variables that the build passes to the AWS SDK.
    /// </summary>
    /// <param name="spec">The spec.</param>
    /// <param name="serviceExpression">The matrix's service expression, or null when the job deploys one known service.</param>
    public static YamlMap? AwsCredentials(WorkflowSpec spec, string? serviceExpression)
    {
        var ssm = spec.SsmServices;
        if (ssm.Count == 0) return null;
        var names = "[" + string.Join(',', ssm.Select(n => $"\"{n}\"")) + "]";
        return new YamlMap()
            .Add("name", "AWS credentials (OIDC)")
            .Add("if", serviceExpression is null ? null : new YamlScalar($"contains(fromJSON('{names}'), {serviceExpression})"))
            .Add("uses", "aws-actions/configure-aws-credentials@v4")
            .Add("with", new YamlMap().Add("role-to-assume", spec.AwsRoleToAssume).Add("aws-region", spec.AwsRegion));
    }

    /// <summary>Nothing, or the one node.</summary>
    public static IEnumerable<YamlNode> Optional(YamlNode? node) => node is null ? [] : [node];

    /// <summary>The deploy job's token: contents for the GitOps push, deployments for the Environments page, id-token for AWS OIDC.</summary>
    public static YamlMap DeployPermissions(WorkflowSpec spec)
    {
        var permissions = new YamlMap().Add("contents", "write").Add("deployments", "write");
        return spec.SsmServices.Count == 0 ? permissions : permissions.Add("id-token", "write");
    }

    public static YamlMap Concurrency(string group, bool cancelInProgress) =>
        new YamlMap().Add("group", group).Add("cancel-in-progress", cancelInProgress);
}
