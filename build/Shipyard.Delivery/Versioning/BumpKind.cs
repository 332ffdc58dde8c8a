namespace Shipyard.Delivery.Versioning;

/// <summary>Which part of the version a release raises (ordered: a larger value wins).</summary>
public enum BumpKind
{
    /// <summary>No releasable change.</summary>
    None,

    /// <summary><c>fix</c>/<c>perf</c> commits.</summary>
    Patch,

    /// <summary><c>feat</c> commits.</summary>
    Minor,

    /// <summary>A <c>!</c> after the type or a <c>BREAKING CHANGE:</c> footer.</summary>
    Major,
}
