using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Sandbox;
using Shipyard.Engine;

partial class Pipeline
{
    [Parameter("Start the local sandbox before building (registry at --registry, GitOps remote at --gitops-repository, runtime base image); on in .nuke/parameters.json, never on a CI host")]
    readonly bool UseSandbox = false;

    /// <summary>The sandbox stands in for CI's registry and GitOps repository on a developer machine.</summary>
    bool SandboxEnabled => UseSandbox && IsLocalBuild;

    Target Sandbox => _ => _
        .Description("Starts the local sandbox: a registry, a GitOps remote and a runtime base image (local default)")
        .DependentFor(Build, Deploy)
        .OnlyWhenStatic(() => SandboxEnabled)
        .Executes(async context =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var sandbox = new LocalSandbox(SandboxSettings(), ToolRunner(context.Output, Mask), http);
            var parts = await sandbox.EnsureAsync(context.CancellationToken);
            foreach (var part in parts) await context.Output.WriteLineAsync(part);
            context.Note(string.Join("; ", parts));
        });

    SandboxSettings SandboxSettings()
    {
        // Only a local path under the repository is created; a URL or an outside path is the user's own remote.
        var remote = string.IsNullOrWhiteSpace(GitopsRepository) || GitopsRepository.Contains("://", StringComparison.Ordinal)
            ? null
            : ResolvePath(GitopsRepository);
        if (remote is not null && !remote.StartsWith(RootDirectory, StringComparison.Ordinal)) remote = null;

        // The runtime base is built only when a build argument points at this sandbox's registry (its host:port: a
        // namespace in --registry belongs to the service images' names).
        var settings = new SandboxSettings(RootDirectory, Registry, remote, null);
        var runtime = BuildArg.Select(a => a.Split('=', 2)).Where(a => a.Length == 2 && a[1].StartsWith(settings.Address + "/", StringComparison.Ordinal))
            .Select(a => a[1]).FirstOrDefault();
        return settings with { RuntimeImage = runtime };
    }
}
