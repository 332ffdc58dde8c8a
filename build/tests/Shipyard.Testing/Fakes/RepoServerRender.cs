using System.Formats.Tar;
using System.Text.Json.Nodes;
using k8s;
using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>
/// What Argo CD's repo server does for a kustomize application: the tree of a commit of the GitOps repository in a
/// folder of its own (the whole tree, since a kustomization may reach outside its folder), real
/// <c>kubectl kustomize</c> on the application's path, the output read as Kubernetes objects. The folder is deleted.
/// </summary>
public static class RepoServerRender
{
    private static readonly ProcessRunner Runner = new(TextWriter.Null, s => s);

    /// <summary>
    /// The objects <paramref name="path"/> renders to at <paramref name="commit"/>, worked out in a new folder under
    /// <paramref name="workRoot"/> (default: the temp folder); a render error throws <see cref="ProcessFailedException"/>.
    /// </summary>
    public static async Task<IReadOnlyList<JsonObject>> RenderAsync(string gitDir, string commit, string path, CancellationToken cancellationToken, string? workRoot = null)
    {
        var work = workRoot is null ? Directory.CreateTempSubdirectory("argo-render-")
            : Directory.CreateDirectory(Path.Combine(workRoot, "argo-render-" + Guid.NewGuid().ToString("N")));
        try
        {
            var archive = Path.Combine(work.FullName, "tree.tar");
            var tree = Directory.CreateDirectory(Path.Combine(work.FullName, "tree")).FullName;
            await Runner.RunAsync("git", ["--git-dir", gitDir, "archive", "--format=tar", "-o", archive, commit], Quiet, cancellationToken);
            await TarFile.ExtractToDirectoryAsync(archive, tree, overwriteFiles: false, cancellationToken);
            var yaml = (await Runner.RunAsync("kubectl", ["kustomize", Path.Combine(tree, path)], Quiet, cancellationToken)).StandardOutput;
            return [.. KubernetesYaml.LoadAllFromString(yaml).Select(o => JsonNode.Parse(KubernetesJson.Serialize(o))!.AsObject())];
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static ProcessOptions Quiet => new() { Echo = false };
}
