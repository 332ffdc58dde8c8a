namespace Shipyard.Delivery.Changes;

/// <summary>Where the base of the comparison comes from (<c>--base-from</c>).</summary>
public enum BaseSource
{
    /// <summary>
    /// Pull requests: the event (merge-base with the target branch). Otherwise: each service's deployed commit when its
    /// manifest records one that exists here, else the event. The default.
    /// </summary>
    Auto,

    /// <summary>Only the event: push → before, pull request → merge-base, local → merge-base with the default branch.</summary>
    Event,

    /// <summary>Each service's deployed commit (falling back to the event for a service whose manifest records none).</summary>
    Deployed,

    /// <summary>No base: every service counts as changed.</summary>
    All,
}
