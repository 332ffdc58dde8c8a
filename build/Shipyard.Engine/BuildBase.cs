using System.Linq.Expressions;

namespace Shipyard.Engine;

/// <summary>
/// Base of the build class (NUKE's <c>NukeBuild</c>). Targets are properties of type <see cref="Target"/>;
/// parameters are fields or properties marked <see cref="ParameterAttribute"/>.
/// <code>public static Task&lt;int&gt; Main(string[] args) =&gt; Execute&lt;Build&gt;(args, x =&gt; x.Test);</code>
/// </summary>
public abstract class BuildBase
{
    /// <summary>The repository root (the folder holding <c>.nuke/</c>). Set before any target is planned.</summary>
    public string RootDirectory { get; internal set; } = "";

    /// <summary>The host the build runs on.</summary>
    public IBuildHost Host { get; internal set; } = null!;

    /// <summary>The process environment as the build sees it (tests substitute their own).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; internal set; } = new Dictionary<string, string>();

    /// <summary>Log output of the build (secrets masked).</summary>
    public TextWriter Log { get; internal set; } = TextWriter.Null;

    /// <summary>Time source for the build (tests substitute a fake one).</summary>
    public TimeProvider Time { get; internal set; } = TimeProvider.System;

    /// <summary>True unless running on a CI server.</summary>
    public bool IsLocalBuild => !Host.IsServer;

    /// <summary>Registers a secret value discovered at run time (e.g. a token read from a file) so it is masked.</summary>
    public void AddSecret(string value) => Secrets.Add(value);

    /// <summary>Replaces every secret value in <paramref name="text"/> with <c>***</c> (hand it to components that echo text, e.g. the process runner).</summary>
    public string Mask(string text) => Secrets.Mask(text);

    internal SecretSet Secrets { get; } = new();

    /// <summary>The targets of this run's plan, in execution order (set before <see cref="OnInitialized"/>).</summary>
    public IReadOnlyList<string> PlannedTargets { get; internal set; } = [];

    /// <summary>What the last run did, row by row (null until the plan has been executed).</summary>
    public RunRecord? Record { get; internal set; }

    /// <summary>
    /// Called after parameters are bound and the requested targets are validated, before any condition or requirement
    /// is evaluated and before anything runs (load and validate inputs here). Not called for <c>--help</c>.
    /// </summary>
    protected internal virtual void OnInitialized() { }

    /// <summary>
    /// Called with the targets that will run (planned and not skipped), after the requirement checks and right before
    /// the first target runs (provision what they need here). Not called for <c>--help</c>, <c>--plan</c> or usage errors.
    /// </summary>
    protected internal virtual Task OnPlannedAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The validation phase: called after planning, with the targets that will run in plan order (skipped ones left
    /// out), before any requirement is checked and before the first target runs; also for <c>--plan</c>, not for
    /// <c>--help</c>. Build here every component those targets will use and let it check its settings, so bad input
    /// stops the run with one line and exit code 2 instead of failing when its target is reached.
    /// </summary>
    protected internal virtual void OnValidating(IReadOnlyList<string> plannedTargets) { }

    /// <summary>
    /// Lines <c>--plan</c> prints under <paramref name="target"/> (planned and not skipped): what it will do with this
    /// run's inputs, e.g. the steps of each service's deploy. Called after <see cref="OnValidating"/>, only for <c>--plan</c>.
    /// </summary>
    protected internal virtual IReadOnlyList<string> PlanDetails(string target) => [];

    /// <summary>Called after the summary with the run record (notifiers hook in here); not called for --help or --plan.</summary>
    protected internal virtual Task OnFinishedAsync(RunRecord record) => Task.CompletedTask;

    /// <summary>Runs the build with the process's console, environment and current directory.</summary>
    public static Task<int> Execute<T>(string[] args, params Expression<Func<T, Target>>[] defaultTargets)
        where T : BuildBase, new()
        => BuildRunner.RunAsync(new T(), args, BuildRunner.ConsoleSession(), defaultTargets);
}
