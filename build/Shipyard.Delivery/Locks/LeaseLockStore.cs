using System.Globalization;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Shipyard.Delivery.Locks;

/// <summary>
/// A deploy lock in a Kubernetes <c>coordination.k8s.io/v1</c> Lease. Create is atomic (409 when it exists); every
/// update carries the resourceVersion read before, so the API server rejects it (409) if anyone wrote in between.
/// Release clears the holder instead of deleting, so <c>leaseTransitions</c> keeps counting and serves as a
/// monotonic fencing token.
/// </summary>
internal sealed class LeaseLockStore(IKubernetes kubernetes, string @namespace) : ILockStore
{
    /// <inheritdoc />
    public bool IsAtomic => true;

    /// <inheritdoc />
    public string Describe(string key) => $"Lease {@namespace}/{LeaseName(key)}";

    /// <inheritdoc />
    public async Task<LockRecord?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return ToRecord(await kubernetes.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName(key), @namespace, cancellationToken: cancellationToken));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<LockRecord?> TryCreateAsync(string key, LockClaim claim, CancellationToken cancellationToken)
    {
        var lease = new V1Lease
        {
            Metadata = new V1ObjectMeta
            {
                Name = LeaseName(key),
                NamespaceProperty = @namespace,
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "shipyard" },
            },
            Spec = Spec(claim, claim.Now, transitions: 0),
        };
        return await CompareAndSwapAsync(() => kubernetes.CoordinationV1.CreateNamespacedLeaseAsync(lease, @namespace, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public Task<LockRecord?> TryTakeOverAsync(string key, LockRecord current, LockClaim claim, CancellationToken cancellationToken) =>
        ReplaceAsync(key, current.Version, Spec(claim, claim.Now, int.Parse(current.FencingToken, CultureInfo.InvariantCulture) + 1), cancellationToken);

    /// <inheritdoc />
    public async Task<LockRecord?> TryRenewAsync(string key, LockRecord held, LockClaim claim, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(key, cancellationToken);
        if (current is null || current.Holder != claim.Holder || current.FencingToken != held.FencingToken) return null;
        var spec = Spec(claim, current.AcquiredAt ?? claim.Now, int.Parse(held.FencingToken, CultureInfo.InvariantCulture));
        return await ReplaceAsync(key, current.Version, spec, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TryReleaseAsync(string key, LockRecord held, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(key, cancellationToken);
        if (current is null || current.Holder != held.Holder || current.FencingToken != held.FencingToken) return false;
        var spec = new V1LeaseSpec { LeaseTransitions = int.Parse(held.FencingToken, CultureInfo.InvariantCulture) };
        return await ReplaceAsync(key, current.Version, spec, cancellationToken) is not null;
    }

    private async Task<LockRecord?> ReplaceAsync(string key, string resourceVersion, V1LeaseSpec spec, CancellationToken cancellationToken)
    {
        var lease = new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = LeaseName(key), NamespaceProperty = @namespace, ResourceVersion = resourceVersion },
            Spec = spec,
        };
        return await CompareAndSwapAsync(() =>
            kubernetes.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, LeaseName(key), @namespace, cancellationToken: cancellationToken));
    }

    private static async Task<LockRecord?> CompareAndSwapAsync(Func<Task<V1Lease>> write)
    {
        try
        {
            return ToRecord(await write());
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            return null; // AlreadyExists, a stale resourceVersion, or deleted meanwhile: someone else won.
        }
    }

    private static V1LeaseSpec Spec(LockClaim claim, DateTimeOffset acquiredAt, int transitions) => new()
    {
        HolderIdentity = claim.Holder,
        LeaseDurationSeconds = (int)Math.Ceiling(claim.Ttl.TotalSeconds),
        AcquireTime = acquiredAt.UtcDateTime,
        RenewTime = claim.Now.UtcDateTime,
        LeaseTransitions = transitions,
    };

    private static LockRecord ToRecord(V1Lease lease)
    {
        var spec = lease.Spec ?? new V1LeaseSpec();
        var renewed = spec.RenewTime ?? spec.AcquireTime ?? DateTime.MinValue;
        return new LockRecord(
            spec.HolderIdentity,
            new DateTimeOffset(DateTime.SpecifyKind(renewed, DateTimeKind.Utc)),
            TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? 0),
            lease.Metadata.ResourceVersion,
            (spec.LeaseTransitions ?? 0).ToString(CultureInfo.InvariantCulture),
            spec.AcquireTime is { } a ? new DateTimeOffset(DateTime.SpecifyKind(a, DateTimeKind.Utc)) : null);
    }

    /// <summary>Lease names are DNS subdomains; keys are service names, already DNS labels.</summary>
    private static string LeaseName(string key) => $"deploy-lock-{key}";
}
