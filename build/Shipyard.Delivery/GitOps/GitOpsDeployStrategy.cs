using Shipyard.Delivery.ArgoCd;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Locks;
using Shipyard.Engine;

namespace Shipyard.Delivery.GitOps;

/// <summary>
/// Deploys by committing the new image to the service's manifest in the GitOps repository, then (when configured)
/// asking Argo CD to sync that commit. The deploy lock is held only around the git write and the sync, and is
/// released on success, failure and cancellation alike. A rollback is a git change too (a controller with self-heal
/// would revert anything else), written only while the manifest still names the version being undone.
/// </summary>
internal sealed class GitOpsDeployStrategy(
    IGitOpsRepository repository, IDeployLock deployLock, IArgoCd? argoCd, GitOpsDeploySettings settings, TextWriter log) : IDeployStrategy
{
    private const int HistoryDepth = 100;

    public string Name => "gitops";

    public async Task ValidateAsync(IReadOnlyList<DeployRequest> deploys, CancellationToken cancellationToken)
    {
        foreach (var d in deploys) ValidateTag(d.Image.Tag);
        await repository.CheckReachableAsync(cancellationToken);
        if (deploys.Count == 0) return;
        await repository.PreviewAsync([.. deploys.Select(d => Change(d.Service, d.Image, "", guard: null))], cancellationToken);
    }

    public async Task<ImageReference?> DeployedImageAsync(Service service, CancellationToken cancellationToken)
    {
        var history = await repository.HistoryAsync(service.Manifest.Path, 1, cancellationToken);
        return ManifestEditors.ReadImage(history[0].Text, service.Manifest.Path, service.Manifest);
    }

    public Task<DeployReceipt> DeployAsync(DeployRequest request, CancellationToken cancellationToken)
    {
        ValidateTag(request.Image.Tag);
        var subject = Subject(settings.MessageTemplate, request.Service, request.Image.Tag);
        return WriteAsync(request.Service, request.Image, guard: null,
            token => Message(subject, ("Source-Commit", request.Version.Sha), ("CI-Run", settings.CiRun), ("Deploy-Lock", token)), cancellationToken);
    }

    public async Task<RollbackRequest> PlanRollbackAsync(Service service, DeployReceipt? deployed, string? to, CancellationToken cancellationToken)
    {
        var history = await repository.HistoryAsync(service.Manifest.Path, HistoryDepth, cancellationToken);
        var versions = history.Select(v => (Version: v, Image: ManifestEditors.ReadImage(v.Text, service.Manifest.Path, service.Manifest))).ToList();
        var (live, liveImage) = versions[0];
        if (liveImage is null)
            throw new UsageException($"{service.Name}: {service.Manifest.Path} names no image in {repository.Name}; there is nothing to roll back");

        if (to is not null)
        {
            if (liveImage.Tag == to)
                throw new UsageException($"{service.Name}: {to} is the version deployed now in {repository.Name}; there is nothing to roll back");
            var found = versions.Skip(1).FirstOrDefault(v => v.Image?.Tag == to);
            return found.Image is null
                ? throw new UsageException($"{service.Name}: version '{Escape(to)}' was never deployed by {service.Manifest.Path} in {repository.Name} " +
                    $"(deployed before: {string.Join(", ", versions.Skip(1).Select(v => v.Image?.Tag).OfType<string>().Distinct().Take(10))})")
                : new RollbackRequest(service, liveImage, found.Image, live.Commit);
        }
        // After a deploy in this run, undo exactly that deploy; on its own, undo what the manifest's history says is live.
        if (deployed is { Previous: { } previous })
            return new RollbackRequest(service, deployed.Image, previous, deployed.ChangeId);
        var before = versions.Skip(1).FirstOrDefault(v => v.Image is not null && !ImageIdentity.Same(v.Image, liveImage));
        return before.Image is null
            ? throw new UsageException($"{service.Name}: {service.Manifest.Path} in {repository.Name} has no earlier version than {liveImage.Tag} to roll back to")
            : new RollbackRequest(service, liveImage, before.Image, live.Commit);
    }

    public Task<DeployReceipt> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        var subject = Subject(settings.RollbackTemplate, request.Service, request.Target.Tag);
        return WriteAsync(request.Service, request.Target, request.Bad,
            token => Message(subject, ("Reverts", request.Reverts), ("CI-Run", settings.CiRun), ("Deploy-Lock", token)), cancellationToken);
    }

    private async Task<DeployReceipt> WriteAsync(Service service, ImageReference image, ImageReference? guard, Func<string, string> message, CancellationToken ct)
    {
        // Checked before taking the lock, so a bad repository or token never holds it.
        await repository.CheckReachableAsync(ct);
        var noLock = deployLock is NoDeployLock;

        await using var held = await deployLock.AcquireAsync(service.Manifest.Application, ct);
        // The no-op lock's token ("none") fences nothing: leave it out of the commit.
        var token = noLock ? "" : held.FencingToken;
        var write = await repository.WriteAsync(Change(service, image, message(token), guard), ct);
        var receipt = new GitOpsReceipt
        {
            Image = image,
            Previous = write.Edit.Previous,
            Changed = write.Commit is not null,
            Repository = repository.Name,
            ManifestPath = service.Manifest.Path,
            Commit = write.Commit,
            Revision = write.Head,
            FencingToken = token.Length == 0 ? null : token,
            Attempts = write.Attempts,
            Note = (write.Commit is null
                ? $"already deployed: {service.Manifest.Path} has {image.Tag} at {Short(write.Head)}"
                : $"{image.Tag} committed {Short(write.Commit)} to {repository.Name}" + (write.Attempts > 1 ? $" after {write.Attempts} pushes (other writers raced)" : ""))
                + (noLock ? "; no deploy lock configured" : ""),
        };
        if (argoCd is null) return await LoggedAsync(service, receipt);
        try
        {
            // A newer commit on the branch that contains ours (another deploy pushed on top) counts as ours.
            using var lineage = repository.OpenLineage();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, settings.Interrupt);
            var sync = await argoCd.SyncAsync(service.Manifest.Application, write.Head, lineage, wait.Token);
            return await LoggedAsync(service, receipt with { Sync = sync, Note = $"{receipt.Note}; {SyncNote(sync)}" });
        }
        catch (OperationCanceledException e) when (receipt.Changed)
        {
            // Interrupted while waiting for Argo CD: the commit is pushed all the same and must be recorded.
            throw new DeployInterruptedException($"interrupted while Argo CD synced {Short(write.Commit!)} with {image.Tag} (the commit is pushed)", receipt, e);
        }
        catch (Exception e) when (receipt.Changed)
        {
            // The commit is in the repository: the failure must carry it, so it is recorded and can be rolled back.
            throw new DeployFailedException($"{e.Message} (the commit {Short(write.Commit!)} with {image.Tag} is pushed; roll back to undo it)", receipt, e);
        }
    }

    private async Task<DeployReceipt> LoggedAsync(Service service, GitOpsReceipt receipt)
    {
        await log.WriteLineAsync($"{service.Name}: {receipt.Note}");
        return receipt;
    }

    private static string SyncNote(ArgoSyncResult sync) => $"Argo CD {sync.Application}: {sync.Note}";

    // One tag grammar for the whole build (Images.Tags.OciTag).
    private static void ValidateTag(string tag)
    {
        if (!Images.Tags.OciTag.IsValid(tag))
            throw new UsageException($"image tag '{Escape(tag)}' is not a valid image tag (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')");
    }

    // The edit is re-applied on every push attempt: with a guard it is a compare-and-set on the manifest's image.
    private static GitOpsChange Change(Service service, ImageReference image, string message, ImageReference? guard)
    {
        var editor = ManifestEditors.For(service.Manifest.Kind);
        return new GitOpsChange(service.Manifest.Path, (text, path) =>
        {
            var edit = editor.Edit(text, path, service.Manifest, image);
            if (guard is not null && edit.Changed && !ImageIdentity.Same(edit.Previous, guard))
                throw new NewerDeployException(service.Name, guard, edit.Previous);
            return edit;
        }, message);
    }

    private static string Subject(string template, Service service, string version) =>
        template.Replace("{service}", service.Name, StringComparison.Ordinal).Replace("{version}", version, StringComparison.Ordinal);

    // Trailers (git interpret-trailers format) name the source commit, the CI run and the lock; empty ones are left out.
    private static string Message(string subject, params (string Key, string? Value)[] trailers)
    {
        var lines = trailers.Where(t => !string.IsNullOrEmpty(t.Value)).Select(t => $"{t.Key}: {t.Value}").ToList();
        return lines.Count == 0 ? subject + "\n" : $"{subject}\n\n{string.Join('\n', lines)}\n";
    }

    private static string Escape(string value) => value.ReplaceLineEndings("\\n");

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;
}
