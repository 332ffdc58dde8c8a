using Shipyard.Engine;
using YamlDotNet.RepresentationModel;

namespace Shipyard.Delivery.Catalog;

/// <summary>Turns a service folder and its (optional) overrides into a <see cref="Service"/>, applying the conventions.</summary>
internal static class ServiceFactory
{
    /// <summary>Root of the services, relative to the repository root.</summary>
    public const string ServicesFolder = "services";

    /// <summary>Where the manifests of the services live, relative to the repository root.</summary>
    public const string ApplicationsFolder = "deploy/applications";

    public static Service Create(string root, string name, ServiceSettings settings, string settingsPath)
    {
        var folder = $"{ServicesFolder}/{name}";
        var fullFolder = Path.Combine(root, ServicesFolder, name);
        var kind = settings.ManifestKind ?? ManifestKind.Kustomize;
        var projects = ProjectGraph.FindProjects(fullFolder);

        var dockerfile = Resolve(root, folder, settings.Dockerfile, "Dockerfile", settingsPath, mustBeDirectory: false, "dockerfile");
        var context = Resolve(root, folder, settings.Context, ".", settingsPath, mustBeDirectory: true, "context");
        var manifestPath = settings.ManifestPath is { } explicitPath
            ? Existing(root, explicitPath.Value, explicitPath.Node, settingsPath, mustBeDirectory: false, "deploy.manifest.path")
            : $"{ApplicationsFolder}/{name}/{DefaultManifestFile(kind)}";
        var deployment = settings.Deployment ?? name;

        return new Service
        {
            Name = name,
            Directory = folder,
            ImageRepository = settings.Image ?? name,
            Dockerfile = dockerfile,
            Context = context,
            PrepareCommand = settings.Prepare,
            TestCommand = settings.HasTest ? settings.Test : DefaultTestCommand(fullFolder, projects),
            Strategy = settings.Strategy ?? DeployStrategy.GitOps,
            Manifest = new GitOpsManifest
            {
                Kind = kind,
                Path = manifestPath,
                ImageName = settings.ImageName ?? (kind == ManifestKind.RawManifest ? settings.Container ?? name : name),
                HelmRepositoryKey = settings.HelmRepositoryKey ?? "image.repository",
                HelmTagKey = settings.HelmTagKey ?? "image.tag",
                HelmDigestKey = settings.HelmDigestKey,
                Application = settings.Application ?? name,
            },
            Workload = new KubernetesWorkload
            {
                Namespace = settings.Namespace ?? "todo",
                Kind = settings.WorkloadKind ?? WorkloadKind.Deployment,
                Deployment = deployment,
                Container = settings.Container ?? name,
                HealthUrl = settings.HealthUrl,
            },
            Ssm = settings.Ssm ?? new SsmHost(),
            TagScheme = settings.Tags,
            WatchedPaths = [.. settings.Watch.Select(p => p.Replace('\\', '/').TrimEnd('/'))],
            Dependencies = ProjectGraph.ExternalDependencies(root, fullFolder, projects),
        };
    }

    private static string DefaultManifestFile(ManifestKind kind) => kind switch
    {
        ManifestKind.HelmValues => "values.yaml",
        ManifestKind.RawManifest => "deployment.yaml",
        _ => "kustomization.yaml",
    };

    // `dotnet test` needs one solution or project in the folder it runs in; otherwise name each test project.
    private static string? DefaultTestCommand(string fullFolder, List<string> projects)
    {
        var tests = projects.Where(ProjectGraph.IsTestProject).ToList();
        if (tests.Count == 0) return null;
        var atRoot = Directory.EnumerateFiles(fullFolder, "*.sln*").Count(f => f.EndsWith(".sln", StringComparison.Ordinal) || f.EndsWith(".slnx", StringComparison.Ordinal))
            + projects.Count(p => Path.GetDirectoryName(p) == fullFolder);
        if (atRoot == 1) return "dotnet test";
        return string.Join(" && ", tests.Select(t => $"dotnet test --project {Path.GetRelativePath(fullFolder, t).Replace('\\', '/')}"));
    }

    private static string Resolve(string root, string folder, (string Value, YamlNode Node)? value, string fallback,
        string settingsPath, bool mustBeDirectory, string key)
    {
        if (value is { } v) return Existing(root, $"{folder}/{v.Value}", v.Node, settingsPath, mustBeDirectory, key);
        var path = fallback == "." ? folder : $"{folder}/{fallback}";
        return path;
    }

    private static string Existing(string root, string relative, YamlNode node, string settingsPath, bool mustBeDirectory, string key)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        var normalized = Path.GetRelativePath(root, full).Replace('\\', '/');
        if (normalized == ".." || normalized.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(normalized))
            throw new UsageException($"{settingsPath}:{node.Start.Line}: '{key}' must stay inside the repository (got '{relative}')");
        var exists = mustBeDirectory ? Directory.Exists(full) : File.Exists(full);
        if (!exists)
            throw new UsageException($"{settingsPath}:{node.Start.Line}: '{key}' names {(mustBeDirectory ? "a folder" : "a file")} that does not exist: {normalized}");
        return normalized;
    }
}
