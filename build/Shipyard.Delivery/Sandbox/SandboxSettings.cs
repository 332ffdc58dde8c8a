namespace Shipyard.Delivery.Sandbox;

/// <summary>Where the local sandbox lives: a registry address and a folder under <c>.nuke/temp</c>.</summary>
/// <param name="RootDirectory">Repository root.</param>
/// <param name="Registry">
/// Registry as configured, <c>host:port</c> optionally with a namespace for image names (<c>127.0.0.1:5000/todo</c>);
/// only loopback addresses are started.
/// </param>
/// <param name="GitOpsRemote">Path of the bare GitOps remote to create (a bare clone of this repository); null: none.</param>
/// <param name="RuntimeImage">Base image built from busybox and pushed to the sandbox registry; null: none.</param>
public sealed record SandboxSettings(string RootDirectory, string Registry, string? GitOpsRemote, string? RuntimeImage)
{
    /// <summary>Folder for the registry's storage, config, log and pid file.</summary>
    public string StateDirectory => Path.Combine(RootDirectory, ".nuke", "temp", "sandbox");

    /// <summary>
    /// The <c>host:port</c> the registry listens on and is asked at: <see cref="Registry"/> without its namespace, which
    /// belongs to image names (<c>127.0.0.1:5000/todo/todo-api</c>), not to the server's address.
    /// </summary>
    public string Address => Registry.Trim().Split('/', 2)[0];
}
