using System.Formats.Tar;
using System.IO.Compression;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.GitOps;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Ssm;

/// <summary>
/// Renders the service's manifests here, with the image set by the same editor the GitOps path commits with, so
/// the host applies exactly what was rendered and checked: <c>manifests.tar.gz</c> holding <c>manifests.yaml</c>.
/// </summary>
internal static class ManifestBundle
{
    public const string FileName = "manifests.tar.gz";
    public const string ManifestName = "manifests.yaml";

    /// <summary>Writes the bundle into <paramref name="workDirectory"/> and returns its path.</summary>
    public static async Task<string> CreateAsync(SsmDeployRequest request, ProcessRunner runner, string workDirectory, CancellationToken ct)
    {
        var source = Path.GetFullPath(request.KustomizeDirectory);
        var kustomization = Path.Combine(source, "kustomization.yaml");
        if (!File.Exists(kustomization))
            throw new UsageException($"SSM deploy: no kustomization.yaml in {request.KustomizeDirectory}");

        // The edit happens on a copy: the checkout is never changed by a deploy.
        var copy = Path.Combine(workDirectory, "kustomize");
        CopyDirectory(source, copy);
        var file = Path.Combine(copy, "kustomization.yaml");
        var manifest = new GitOpsManifest { Path = kustomization, ImageName = request.KustomizeImageName ?? request.Service, Application = request.Service };
        var edit = ManifestEditors.For(ManifestKind.Kustomize).Edit(await File.ReadAllTextAsync(file, ct), kustomization, manifest, request.Image);
        await File.WriteAllTextAsync(file, edit.Text, ct);

        var rendered = (await runner.RunAsync("kubectl", ["kustomize", copy], new ProcessOptions { Echo = true }, ct)).StandardOutput;
        var reference = request.Image.ToString();
        if (!rendered.Contains(reference, StringComparison.Ordinal))
            throw new BuildFailedException(
                $"SSM deploy: the rendered manifests of {request.Service} do not use {reference}: the images entry '{manifest.ImageName}' in {kustomization} matches no container image. Make it match the image name in the resources.");

        var bundle = Path.Combine(workDirectory, FileName);
        await using (var output = File.Create(bundle))
        await using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: false))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, ManifestName)
            {
                DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(rendered)),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            await tar.WriteEntryAsync(entry, ct);
        }
        return bundle;
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        foreach (var directory in Directory.EnumerateDirectories(source))
            CopyDirectory(directory, Path.Combine(target, Path.GetFileName(directory)));
    }
}
