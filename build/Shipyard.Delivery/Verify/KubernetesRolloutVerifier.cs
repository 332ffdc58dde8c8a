using k8s;
using k8s.Models;
using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Verify;

/// <summary>
/// Verifies a rollout from the Kubernetes API: watches the workload (as kubectl does), then its ReplicaSets or
/// ControllerRevisions and pods, and judges every change with <see cref="RolloutVerdict"/> — no sleep between
/// looks, so the verdict follows the cluster within one event. On a pod-level failure it fetches the container's
/// log tail and the recent events for the outcome.
/// </summary>
internal sealed class KubernetesRolloutVerifier(IKubernetes client, TimeProvider time, HttpClient http) : IRolloutVerifier
{
    private const string Source = "kubernetes";

    /// <inheritdoc />
    public async Task<VerifyOutcome> VerifyAsync(VerifyRequest request, CancellationToken cancellationToken)
    {
        if (request.Timeout <= TimeSpan.Zero) throw new Shipyard.Engine.UsageException($"the verify timeout must be positive, got {request.Timeout}");
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(request.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
        using var signal = new SemaphoreSlim(0);
        void Changed()
        {
            if (signal.CurrentCount == 0) signal.Release();
        }

        var progress = new ProgressLines(request);
        var workload = RolloutWatches.Workload(client, request, Changed, time);
        var watches = new List<IResourceWatch> { workload };
        var running = new List<Task> { workload.RunAsync(stop.Token) };
        RolloutState? last = null;
        RolloutSnapshot? snapshot = null;
        try
        {
            while (true)
            {
                await signal.WaitAsync(linked.Token);
                if (watches.Select(w => w.Forbidden).FirstOrDefault(f => f is not null) is { } denied)
                    return Failure(request, Elapsed(), $"the API server denied '{denied}' in namespace {request.Namespace} (403 Forbidden): " +
                        "grant it to the CI runner's service account (see deploy/rbac/)", last);
                if (workload.Deletions > 0)
                    return Failure(request, Elapsed(), $"{Kind(request)} \"{request.Name}\" was deleted during the rollout", last);
                if (watches.Select(w => w.Trouble).FirstOrDefault(t => t is not null) is { } trouble)
                    await progress.WriteAsync($"API server not answering ({trouble}); retrying");
                if (!workload.Listed) continue;
                var objects = workload.Objects;
                var current = objects.Count > 0 ? objects[0] : null;
                if (current is not null && watches.Count == 1 && RolloutWatches.Selector(current) is { } selector)
                    running.AddRange(StartChildren(request, selector, watches, Changed, stop.Token));
                snapshot = Snapshot(request.Kind, current, watches);
                last = RolloutVerdict.Of(snapshot, request.Expected);
                await progress.ReportAsync(last);
                if (last.Phase == RolloutPhase.Failed) return await FailedAsync(request, snapshot, last, Elapsed(), cancellationToken);
                if (last.Phase == RolloutPhase.Done)
                {
                    if (request.HealthUrl is { } url && await new HealthCheck(http, time).WaitAsync(url, request.Log, linked.Token) is { } unhealthy)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        return VerifyOutcomes.Failure(Source, Elapsed(), request, unhealthy, running: last.RunningImage);
                    }
                    return VerifyOutcomes.Success(Source, Elapsed(), snapshot, request, last.RunningImage);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var events = snapshot is null ? [] : await EventsAsync(request, snapshot, cancellationToken);
            var logs = last?.Pod is { } pod ? await LogTailAsync(request.Namespace, pod, cancellationToken) : [];
            // An API server that stopped answering is the reason, not the last state it showed before.
            var reason = watches.Select(w => w.Trouble).FirstOrDefault(t => t is not null) is { } trouble
                ? VerifyOutcomes.Unreachable(request, trouble, last)
                : VerifyOutcomes.TimedOut(request, last);
            return VerifyOutcomes.Failure(Source, Elapsed(), request, reason, last?.Pod, logs, events, last?.RunningImage);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }

        TimeSpan Elapsed() => time.GetElapsedTime(started);
    }

    private IEnumerable<Task> StartChildren(VerifyRequest request, string selector, List<IResourceWatch> watches, Action changed, CancellationToken stop)
    {
        IResourceWatch revisions = request.Kind == WorkloadKind.Deployment
            ? RolloutWatches.ReplicaSets(client, request.Namespace, selector, changed, time)
            : RolloutWatches.ControllerRevisions(client, request.Namespace, selector, changed, time);
        var pods = RolloutWatches.Pods(client, request.Namespace, selector, changed, time);
        watches.Add(revisions);
        watches.Add(pods);
        return [revisions.RunAsync(stop), pods.RunAsync(stop)];
    }

    private static RolloutSnapshot Snapshot(WorkloadKind kind, IKubernetesObject<V1ObjectMeta>? workload, List<IResourceWatch> watches)
    {
        var children = watches.Skip(1).SelectMany(w => w.Objects).ToList();
        return new RolloutSnapshot(kind, workload, [.. children.OfType<V1ReplicaSet>()], [.. children.OfType<V1ControllerRevision>()],
            [.. children.OfType<V1Pod>()], []);
    }

    private async Task<VerifyOutcome> FailedAsync(VerifyRequest request, RolloutSnapshot snapshot, RolloutState state, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var events = await EventsAsync(request, snapshot, cancellationToken);
        var logs = state.Pod is { } pod ? await LogTailAsync(request.Namespace, pod, cancellationToken) : [];
        return VerifyOutcomes.Failure(Source, elapsed, request, state.Message, state.Pod, logs, events, state.RunningImage);
    }

    private static VerifyOutcome Failure(VerifyRequest request, TimeSpan elapsed, string reason, RolloutState? last) =>
        VerifyOutcomes.Failure(Source, elapsed, request, reason, last?.Pod, running: last?.RunningImage);

    // Context for a failure is best effort: a missing permission or a slow API must not hide the verdict itself.
    private async Task<IReadOnlyList<string>> EventsAsync(VerifyRequest request, RolloutSnapshot snapshot, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var list = await client.CoreV1.ListNamespacedEventAsync(request.Namespace, cancellationToken: timeout.Token);
            return VerifyOutcomes.EventLines(snapshot with { Events = [.. list.Items] });
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return [$"(events unavailable: {OneLine(e.Message)})"];
        }
    }

    private async Task<IReadOnlyList<string>> LogTailAsync(string ns, FailingPod pod, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod.Pod, ns, container: pod.Container,
                previous: pod.HasPreviousLog, tailLines: 20, cancellationToken: timeout.Token);
            using var reader = new StreamReader(stream);
            var text = await reader.ReadToEndAsync(timeout.Token);
            return [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).TakeLast(20)];
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return [$"(log unavailable: {OneLine(e.Message)})"];
        }
    }

    private static string Kind(VerifyRequest request) => request.Kind.ToString().ToLowerInvariant();

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
