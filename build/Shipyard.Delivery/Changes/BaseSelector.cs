using Shipyard.Delivery.Catalog;
using Shipyard.Engine;

namespace Shipyard.Delivery.Changes;

/// <summary>
/// Chooses what the head is compared to. Push → the event's <c>before</c>; a new branch or a force push → the
/// merge-base with the default branch (the default branch itself → everything); pull request → merge-base with the
/// target branch; and, by default outside pull requests, each service's deployed commit, so a failed deploy is
/// retried by the next run. A shallow clone is deepened once when a commit is missing; when that fails the run
/// fails: "cannot diff" never becomes "nothing changed". All repository access goes through <see cref="IRevisionGraph"/>.
/// An unknown --base/--head is found only while the target runs, so it is a <see cref="BuildFailedException"/>
/// (exit 1, one line) rather than a usage error.
/// </summary>
public sealed class BaseSelector(IRevisionGraph graph)
{
    private const string ZeroSha = "0000000000000000000000000000000000000000";
    private bool _deepened;

    /// <summary>Selects the head, the event base and each service's bases.</summary>
    public async Task<BaseSelection> SelectAsync(ChangeRequest request, IReadOnlyList<Service> services, CancellationToken cancellationToken)
    {
        var ev = request.Event;
        var head = await ResolveAsync(request.Head, ev, cancellationToken)
            ?? throw new BuildFailedException($"--head '{request.Head}' is not a commit in this repository: pass a fetched SHA, branch or tag.");

        BaseChoice eventBase;
        if (request.Base is { } explicitBase)
        {
            var sha = await ResolveAsync(explicitBase, ev, cancellationToken)
                ?? throw new BuildFailedException($"--base '{explicitBase}' is not a commit in this repository: pass a fetched SHA, branch or tag.");
            eventBase = new BaseChoice(sha, $"--base {explicitBase}");
        }
        else if (request.BaseFrom == BaseSource.All)
            eventBase = BaseChoice.Everything("--base-from all");
        else
            eventBase = await FromEventAsync(ev, head, cancellationToken);

        var useDeployed = request.Base is null &&
            (request.BaseFrom == BaseSource.Deployed || (request.BaseFrom == BaseSource.Auto && !ev.IsPullRequest));
        var result = new List<ServiceBase>(services.Count);
        foreach (var service in services)
        {
            var deployed = useDeployed ? await DeployedAsync(service, head, ev, cancellationToken) : null;
            result.Add(new ServiceBase(service, deployed ?? eventBase, eventBase));
        }
        return new BaseSelection(head, eventBase, result);
    }

    private async Task<BaseChoice> FromEventAsync(ChangeEvent ev, string head, CancellationToken ct)
    {
        if (ev.IsPullRequest)
        {
            var target = ev.PullRequestBaseSha ?? ev.PullRequestBaseRef ?? ev.DefaultBranch;
            var tip = await ResolveAsync(target, ev, ct) ?? await BranchAsync(ev.PullRequestBaseRef ?? ev.DefaultBranch, ev, ct);
            var mergeBase = tip is null ? null : await MergeBaseAsync(tip, head, ev, ct);
            return mergeBase is null
                ? BaseChoice.Everything($"pull request: no merge-base with {ev.PullRequestBaseRef ?? target}")
                : new BaseChoice(mergeBase, $"pull request: merge-base with {ev.PullRequestBaseRef ?? target}");
        }
        if (ev.Name == "push")
        {
            if (string.IsNullOrEmpty(ev.Before)) return await FallbackAsync("push without 'before'", ev, head, ct);
            if (ev.Before == ZeroSha)
                return ev.Branch == ev.DefaultBranch
                    ? BaseChoice.Everything($"new default branch {ev.DefaultBranch}")
                    : await FallbackAsync("new branch", ev, head, ct);
            var before = await ResolveAsync(ev.Before, ev, ct);
            if (before is null) return await FallbackAsync($"force push: before {Short(ev.Before)} is not in the repository", ev, head, ct);
            if (!graph.IsAncestor(before, head)) return await FallbackAsync($"force push: before {Short(before)} is not an ancestor", ev, head, ct);
            return new BaseChoice(before, "push: before");
        }
        return await FallbackAsync(ev.Name is null ? "local" : ev.Name, ev, head, ct);
    }

    /// <summary>Merge-base with the default branch; when that is the head itself, a push compares nothing, so everything counts.</summary>
    private async Task<BaseChoice> FallbackAsync(string why, ChangeEvent ev, string head, CancellationToken ct)
    {
        var tip = await BranchAsync(ev.DefaultBranch, ev, ct);
        if (tip is null) return BaseChoice.Everything($"{why}; default branch {ev.DefaultBranch} not found");
        var mergeBase = await MergeBaseAsync(tip, head, ev, ct);
        if (mergeBase is null) return BaseChoice.Everything($"{why}; no merge-base with {ev.DefaultBranch}");
        if (mergeBase != head) return new BaseChoice(mergeBase, $"{why}: merge-base with {ev.DefaultBranch}");
        if (ev.Name is null && graph.Resolve(head + "^") is { } parent)
            return new BaseChoice(parent, $"local on {ev.DefaultBranch}: last commit");
        return BaseChoice.Everything($"{why} on the default branch {ev.DefaultBranch}");
    }

    private async Task<BaseChoice?> DeployedAsync(Service service, string head, ChangeEvent ev, CancellationToken ct)
    {
        var text = graph.ReadFile(head, service.Manifest.Path);
        var recorded = text is null ? null : DeployedCommitReader.CommitOf(service, text);
        if (recorded is null) return null;
        var sha = await ResolveAsync(recorded, ev, ct);
        return sha is null ? null : new BaseChoice(sha, $"deployed {Short(sha)}");
    }

    private async Task<string?> BranchAsync(string branch, ChangeEvent ev, CancellationToken ct) =>
        graph.Resolve($"refs/remotes/origin/{branch}") ?? graph.Resolve($"refs/heads/{branch}")
        ?? (await DeepenOnceAsync(ev, ct) ? graph.Resolve($"refs/remotes/origin/{branch}") ?? graph.Resolve($"refs/heads/{branch}") : null);

    private async Task<string?> ResolveAsync(string revision, ChangeEvent ev, CancellationToken ct) =>
        graph.Resolve(revision) ?? (await DeepenOnceAsync(ev, ct) ? graph.Resolve(revision) : null);

    private async Task<string?> MergeBaseAsync(string a, string b, ChangeEvent ev, CancellationToken ct) =>
        graph.MergeBase(a, b) ?? (await DeepenOnceAsync(ev, ct) ? graph.MergeBase(a, b) : null);

    /// <summary>Deepens a shallow clone the first time something is missing; true when a retry can help.</summary>
    private async Task<bool> DeepenOnceAsync(ChangeEvent ev, CancellationToken ct)
    {
        if (_deepened || !graph.IsShallow) return false;
        _deepened = true;
        await graph.DeepenAsync(ev.DefaultBranch, ct);
        return true;
    }

    private static string Short(string sha) => sha[..Math.Min(7, sha.Length)];
}
