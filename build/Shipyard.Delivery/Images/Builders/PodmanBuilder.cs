using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Images.Builders;

/// <summary><c>podman build --layers</c>; same storage, auth file and digest file handling as buildah.</summary>
internal sealed class PodmanBuilder(ProcessRunner runner, string program = "podman") : ContainersToolBuilder(runner, program)
{
    public override string Name => "podman";

    protected override string[] GlobalOptions => [];

    protected override string[] BuildCommand => ["build"];

    protected override string[] InspectIdCommand => ["image", "inspect", "--format", "{{.Id}}"];
}
