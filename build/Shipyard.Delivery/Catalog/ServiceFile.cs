using Shipyard.Engine;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Shipyard.Delivery.Catalog;

/// <summary>
/// Reads and validates <c>services/&lt;name&gt;/service.yaml</c> with YamlDotNet's representation model,
/// which keeps line numbers, so every mistake is reported as <c>file:line: what is wrong</c>.
/// </summary>
internal static class ServiceFile
{
    /// <summary>The file name looked for in each service folder.</summary>
    public const string Name = "service.yaml";

    private static readonly string[] TopKeys = ["image", "dockerfile", "context", "prepare", "test", "watch", "tags", "deploy"];
    private static readonly string[] DeployKeys = ["strategy", "namespace", "kind", "deployment", "container", "healthUrl", "manifest", "argocd", "ssm"];
    private static readonly string[] ManifestKeys = ["kind", "path", "imageName", "helmRepositoryKey", "helmTagKey", "helmDigestKey"];
    private static readonly string[] ArgoCdKeys = ["application"];
    private static readonly string[] SsmKeys = ["region", "instanceFilter", "bucketPrefix", "script"];

    /// <summary>Parses <paramref name="text"/>; <paramref name="displayPath"/> (repo-relative) prefixes errors.</summary>
    public static ServiceSettings Parse(string displayPath, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new UsageException($"{displayPath}:{e.Start.Line}: invalid YAML: {FirstLine(e)}");
        }
        if (stream.Documents.Count == 0) return ServiceSettings.None;
        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" }) return ServiceSettings.None;
        if (root is not YamlMappingNode mapping)
            throw new UsageException($"{displayPath}:{root.Start.Line}: the file must be a mapping of keys ({string.Join(", ", TopKeys)})");

        var top = new YamlFields(displayPath, mapping, "", TopKeys);
        var image = top.String("image");
        if (image is not null && !CatalogNames.IsRepository(image))
            throw top.Error(top.Node("image")!, $"'image' is not a valid repository: '{image}' (lowercase path like 'team/todo-api', without registry or tag)");
        var deploy = top.Mapping("deploy", DeployKeys);
        var manifest = deploy?.Mapping("manifest", ManifestKeys);
        var argo = deploy?.Mapping("argocd", ArgoCdKeys);
        var ssm = deploy?.Mapping("ssm", SsmKeys);
        var healthUrl = deploy?.String("healthUrl");
        if (healthUrl is not null && !(Uri.TryCreate(healthUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw deploy!.Error(deploy.Node("healthUrl")!, $"'deploy.healthUrl' must be an absolute http(s) URL (got '{healthUrl}')");

        return new ServiceSettings
        {
            Image = image,
            Dockerfile = WithNode(top, "dockerfile"),
            Context = WithNode(top, "context"),
            Prepare = top.String("prepare"),
            HasTest = top.Node("test") is not null,
            Test = top.String("test"),
            Watch = top.Strings("watch"),
            // A preset name (`semver`) or templates, as one comma list or a YAML list.
            Tags = top.Node("tags") is YamlSequenceNode ? string.Join(',', top.Strings("tags")) : top.String("tags"),
            Strategy = deploy?.Choice("strategy", "gitops", "ssm") switch
            {
                "gitops" => DeployStrategy.GitOps,
                "ssm" => DeployStrategy.Ssm,
                _ => null,
            },
            Namespace = deploy?.Label("namespace"),
            WorkloadKind = deploy?.Choice("kind", "Deployment", "StatefulSet", "DaemonSet") switch
            {
                "StatefulSet" => Catalog.WorkloadKind.StatefulSet,
                "DaemonSet" => Catalog.WorkloadKind.DaemonSet,
                "Deployment" => Catalog.WorkloadKind.Deployment,
                _ => null,
            },
            Deployment = deploy?.Label("deployment"),
            Container = deploy?.Label("container"),
            HealthUrl = healthUrl,
            ManifestKind = manifest?.Choice("kind", "kustomize", "helm", "raw") switch
            {
                "kustomize" => Catalog.ManifestKind.Kustomize,
                "helm" => Catalog.ManifestKind.HelmValues,
                "raw" => Catalog.ManifestKind.RawManifest,
                _ => null,
            },
            ManifestPath = manifest is null ? null : WithNode(manifest, "path"),
            ImageName = manifest?.String("imageName"),
            HelmRepositoryKey = manifest?.String("helmRepositoryKey"),
            HelmTagKey = manifest?.String("helmTagKey"),
            HelmDigestKey = manifest?.String("helmDigestKey"),
            Application = argo?.Label("application"),
            Ssm = ssm is null ? null : new SsmHost
            {
                Region = ssm.String("region"),
                InstanceFilter = ssm.String("instanceFilter"),
                BucketPrefix = ssm.String("bucketPrefix"),
                Script = ssm.String("script"),
            },
        };
    }

    private static (string, YamlNode)? WithNode(YamlFields fields, string key) =>
        fields.String(key) is { } value ? (value, fields.Node(key)!) : null;

    private static string FirstLine(YamlException e)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 20) - (...): "; the line is already in front of ours.
        var message = e.InnerException?.Message ?? e.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return (cut >= 0 ? message[(cut + 3)..] : message).Split('\n')[0].Trim();
    }
}
