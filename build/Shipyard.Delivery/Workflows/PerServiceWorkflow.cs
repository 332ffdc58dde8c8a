using Shipyard.Delivery.Catalog;
using static Shipyard.Delivery.Workflows.WorkflowSteps;

namespace Shipyard.Delivery.Workflows;

/// <summary>
/// The optional one-workflow-per-service style: GitHub's own <c>on.push.paths</c> filter starts it. Simpler to read,
/// but it inherits the path filter's blind spots (a failed deploy is not retried, a force push compares with the
/// wrong base), which the detect-job workflows avoid.
/// </summary>
internal static class PerServiceWorkflow
{
    public static YamlMap For(WorkflowSpec spec, Service service)
    {
        var paths = new List<string> { Folder(service.Directory) };
        if (!IsUnder(service.Dockerfile, service.Directory)) paths.Add(service.Dockerfile);
        paths.AddRange(service.WatchedPaths.Select(Folder));
        paths.AddRange(service.Dependencies.Select(Folder));
        paths.Add(Folder(Path.GetDirectoryName(service.Manifest.Path)?.Replace('\\', '/') ?? service.Manifest.Path));
        paths.AddRange(spec.Rules.BuildWide.Select(p => p.EndsWith('/') ? p + "**" : p));
        var job = new YamlMap()
            .Add("name", $"Deploy {service.Name}")
            .Add("runs-on", RunsOn(spec))
            .Add("permissions", DeployPermissions(spec with { Services = [service] }))
            .Add("concurrency", Concurrency($"deploy-{service.Name}", false))
            .Add("steps", new YamlSeq([.. Setup(),
                .. Optional(AwsCredentials(spec with { Services = [service] }, null)),
                new YamlMap().Add("name", spec.DeployTarget)
                    .Add("run", $"{spec.BuildCommand} {spec.DeployTarget}{spec.ProfileOption} --service {service.Name}")
                    .Add("env", Environment(spec))]));
        return new YamlMap()
            .Add("name", $"Deploy {service.Name}")
            .Add("on", new YamlMap().Add("push", new YamlMap()
                .Add("branches", YamlSeq.Of(spec.DefaultBranch))
                .Add("paths", YamlSeq.Of([.. paths.Distinct(StringComparer.Ordinal)]))))
            .Add("permissions", new YamlMap().Add("contents", "write"))
            .Add("jobs", new YamlMap().Add("deploy", job));
    }

    /// <summary>A folder becomes <c>folder/**</c>; a path with an extension is taken as a file.</summary>
    private static string Folder(string path)
    {
        var p = path.Replace('\\', '/').TrimEnd('/');
        return p.EndsWith("/**", StringComparison.Ordinal) || Path.HasExtension(p) || p.Contains('*') ? p : p + "/**";
    }

    private static bool IsUnder(string path, string folder) =>
        path.Replace('\\', '/').StartsWith(folder.Replace('\\', '/').TrimEnd('/') + "/", StringComparison.Ordinal);
}
