using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Shipyard.Delivery.Verify;

/// <summary>
/// List, then watch from the list's resourceVersion, keeping a local copy of one resource's objects — the informer
/// pattern without sleep-polling. A 410 Gone (history compacted) or a dropped connection re-lists and re-watches; a
/// clean end of the stream (server timeout) re-watches from the last version seen; an unreachable API server is
/// retried with backoff; 403 stops with <see cref="Forbidden"/> set. Every change calls <c>changed</c>.
/// </summary>
internal sealed class ResourceWatch<T, TList>(
    string resource, string group, ResourceWatch<T, TList>.ListCall list, ResourceWatch<T, TList>.WatchCall watch, Action changed, TimeProvider time) : IResourceWatch
    where T : IKubernetesObject<V1ObjectMeta>
    where TList : IKubernetesObject<V1ListMeta>, IItems<T>
{
    /// <summary>LIST.</summary>
    public delegate Task<TList> ListCall(CancellationToken cancellationToken);

    /// <summary>WATCH from a resourceVersion; error events (410 Gone) go to <c>onError</c>.</summary>
    public delegate IAsyncEnumerable<(WatchEventType, T)> WatchCall(string? resourceVersion, Action<Exception> onError, CancellationToken cancellationToken);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, T> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);
    private volatile bool _listed;
    private volatile string? _trouble;
    private volatile string? _forbidden;
    private int _deletions;

    /// <summary>The objects as last seen.</summary>
    public IReadOnlyList<T> Items => [.. _objects.Values];

    /// <inheritdoc />
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects => [.. _objects.Values.Cast<IKubernetesObject<V1ObjectMeta>>()];

    /// <summary>A first list has succeeded.</summary>
    public bool Listed => _listed;

    /// <summary>Why the API server is not answering right now (retrying); null when it is.</summary>
    public string? Trouble => _trouble;

    /// <summary>The denied request, e.g. <c>list deployments.apps</c>; set when the API server answered 403.</summary>
    public string? Forbidden => _forbidden;

    /// <summary>How many objects seen before have been deleted.</summary>
    public int Deletions => Volatile.Read(ref _deletions);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var retry = FirstRetry;
        var verb = "list";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                verb = "list";
                string? version;
                version = Replace(await list(cancellationToken));
                retry = FirstRetry;
                verb = "watch";
                while (await WatchOnceAsync(version, v => version = v, cancellationToken)) { }
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
            {
                _forbidden = $"{verb} {(group.Length == 0 ? resource : $"{resource}.{group}")}";
                changed();
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException or KubernetesException or OperationCanceledException)
            {
                _trouble = $"{verb} {resource}: {Describe(e)}";
                changed();
                await Task.Delay(retry, time, cancellationToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
            }
        }
    }

    // True: the stream ended cleanly, watch again from the last version. False: re-list (410 Gone or another error event).
    private async Task<bool> WatchOnceAsync(string? version, Action<string?> advance, CancellationToken cancellationToken)
    {
        Exception? error = null;
        await foreach (var (type, item) in watch(version, e => error ??= e, cancellationToken))
        {
            _trouble = null;
            var name = item.Metadata.Name;
            if (type == WatchEventType.Deleted)
            {
                if (_objects.TryRemove(name, out _)) Interlocked.Increment(ref _deletions);
            }
            else if (type != WatchEventType.Bookmark)
            {
                _objects[name] = item;
                _seen[name] = true;
            }
            advance(item.Metadata.ResourceVersion);
            if (type != WatchEventType.Bookmark) changed();
        }
        return error is null;
    }

    private string? Replace(TList listed)
    {
        var fresh = listed.Items.ToDictionary(i => i.Metadata.Name, StringComparer.Ordinal);
        foreach (var name in _objects.Keys.Where(n => !fresh.ContainsKey(n)))
            if (_objects.TryRemove(name, out _)) Interlocked.Increment(ref _deletions);
        foreach (var (name, item) in fresh)
        {
            _objects[name] = item;
            _seen[name] = true;
        }
        _listed = true;
        _trouble = null;
        changed();
        return listed.Metadata?.ResourceVersion;
    }

    private static string Describe(Exception e) => e switch
    {
        HttpOperationException h => $"{(int)h.Response.StatusCode} {h.Response.ReasonPhrase}",
        KubernetesException k => k.Status?.Message ?? k.Message,
        _ => e.Message.ReplaceLineEndings(" "),
    };
}
