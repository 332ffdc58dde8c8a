using System.Text;
using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Locks;
using Shipyard.Delivery.Versioning;
using Shipyard.Engine;

namespace Shipyard.Delivery.GitOps;

/// <summary>
/// Deploys by committing the new image to the service's manifest in the GitOps repository, then (when configured)
/// waiting for Argo CD to sync that commit. The deploy lock is held only around the git write and the sync, and is
/// released on success, failure and cancellation alike.
/// </summary>
internal sealed class GitOpsDeployStrategy(
    IGitOpsRepository repository, IDeployLock deployLock, IArgoCd? argoCd, GitOpsDeploySettings settings, TextWriter log) : IDeployStrategy
{
    public async Task ValidateAsync(IReadOnlyList<(Service Service, ImageReference Image)> deploys, CancellationToken cancellationToken)
    {
        foreach (var (_, image) in deploys) ValidateTag(image.Tag);
        await repository.CheckReachableAsync(cancellationToken);
        if (deploys.Count == 0) return;
        await repository.PreviewAsync([.. deploys.Select(d => Change(d.Service, d.Image, ""))], cancellationToken);
    }

    public async Task<DeployResult> DeployAsync(Service service, ImageReference image, BuildVersion version, CancellationToken cancellationToken)
    {
        ValidateTag(image.Tag);
        var subject = Subject(settings.MessageTemplate, service, image.Tag);
        var result = await WriteAsync(service, image, token => Message(subject, ("Source-Commit", version.Sha), ("CI-Run", settings.CiRun), ("Deploy-Lock", token)), cancellationToken);
        return result;
    }

    public async Task<DeployResult> RollbackAsync(Service service, DeployResult deployed, CancellationToken cancellationToken)
    {
        var previous = deployed.Previous ?? throw new BuildFailedException(
            $"Cannot roll back {service.Name}: the deploy recorded no previous version in {service.Manifest.Path}. Set the image by hand in the GitOps repository.");
        var subject = Subject(settings.RollbackTemplate, service, previous.Tag);
        return await WriteAsync(service, previous, token => Message(subject, ("Reverts", deployed.Commit), ("CI-Run", settings.CiRun), ("Deploy-Lock", token)), cancellationToken);
    }

    private async Task<DeployResult> WriteAsync(Service service, ImageReference image, Func<string, string> message, CancellationToken ct)
    {
        // Checked before taking the lock, so a bad repository or token never holds it.
        await repository.CheckReachableAsync(ct);
        var noLock = deployLock is NoDeployLock;

        await using var held = await deployLock.AcquireAsync(service.Manifest.Application, ct);
        // The no-op lock's token ("none") fences nothing: leave it out of the commit.
        var token = noLock ? "" : held.FencingToken;
        var write = await repository.WriteAsync(Change(service, image, message(token)), ct);
        var sync = argoCd is null ? null : await argoCd.SyncAsync(service.Manifest.Application, write.Head, ct);

        var note = new StringBuilder(write.Commit is null
            ? $"already deployed: {service.Manifest.Path} has {image.Tag} at {Short(write.Head)}"
            : $"{image.Tag} committed {Short(write.Commit)} to {repository.Name}" + (write.Attempts > 1 ? $" after {write.Attempts} attempts" : ""));
        if (sync is not null) note.Append($"; Argo CD {sync.Application}: {sync.Note}");
        if (noLock) note.Append("; no deploy lock configured");
        await log.WriteLineAsync($"{service.Name}: {note}");
        return new DeployResult
        {
            Service = service.Name,
            Image = image,
            Previous = write.Edit.Previous,
            Repository = repository.Name,
            Commit = write.Commit,
            Revision = write.Head,
            FencingToken = token.Length == 0 ? null : token,
            AlreadyDeployed = write.Commit is null,
            Attempts = write.Attempts,
            Sync = sync,
            Note = note.ToString(),
        };
    }

    // One tag grammar for the whole build (Images.Tags.OciTag); the message names the parameter a deploy takes it from.
    private static void ValidateTag(string tag)
    {
        if (!Images.Tags.OciTag.IsValid(tag))
            throw new UsageException($"--image-tag '{tag}' is not a valid image tag (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')");
    }

    private static GitOpsChange Change(Service service, ImageReference image, string message)
    {
        var editor = ManifestEditors.For(service.Manifest.Kind);
        return new GitOpsChange(service.Manifest.Path, (text, path) => editor.Edit(text, path, service.Manifest, image), message);
    }

    private static string Subject(string template, Service service, string version) =>
        template.Replace("{service}", service.Name, StringComparison.Ordinal).Replace("{version}", version, StringComparison.Ordinal);

    // Trailers (git interpret-trailers format) name the source commit, the CI run and the lock; empty ones are left out.
    private static string Message(string subject, params (string Key, string? Value)[] trailers)
    {
        var lines = trailers.Where(t => !string.IsNullOrEmpty(t.Value)).Select(t => $"{t.Key}: {t.Value}").ToList();
        return lines.Count == 0 ? subject + "\n" : $"{subject}\n\n{string.Join('\n', lines)}\n";
    }

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;
}
