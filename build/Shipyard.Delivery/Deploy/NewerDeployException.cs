using Shipyard.Delivery.Images;
using Shipyard.Engine;

namespace Shipyard.Delivery.Deploy;

/// <summary>A rollback found a newer version than the one it was to undo: it changed nothing.</summary>
public sealed class NewerDeployException(string service, ImageReference expected, ImageReference? live)
    : BuildFailedException(
        $"{service} was not rolled back: it was to undo {expected.Tag}, but {(live is null ? "no version" : live.Tag)} is deployed now " +
        "(a newer deploy won); nothing was changed. Roll back by naming the version to restore, if that is still wanted.")
{
    /// <summary>What is deployed now.</summary>
    public ImageReference? Live { get; } = live;
}
