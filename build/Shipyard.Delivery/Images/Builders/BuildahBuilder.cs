using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Images.Builders;

/// <summary>
/// <c>buildah bud --isolation chroot --layers</c>: needs no daemon and no OCI runtime for RUN steps, so it works
/// in unprivileged CI containers. <paramref name="storageRoot"/> (optional) gives it a private image store.
/// </summary>
internal sealed class BuildahBuilder(ProcessRunner runner, string program = "buildah", string? storageRoot = null)
    : ContainersToolBuilder(runner, program)
{
    public override string Name => "buildah";

    protected override string[] GlobalOptions =>
        storageRoot is null ? [] : ["--root", Path.Combine(storageRoot, "root"), "--runroot", Path.Combine(storageRoot, "run")];

    protected override string[] BuildCommand => ["bud", "--isolation", "chroot"];

    protected override string[] InspectIdCommand => ["inspect", "--type", "image", "--format", "{{.FromImageID}}"];
}
