namespace Shipyard.Engine;

/// <summary>One run of a build: the steps from command line to exit code, each delegated to its own part.</summary>
internal sealed class BuildRun(BuildBase build, BuildSession session, IReadOnlyList<string> defaultTargets)
{
    private readonly LineWriter _output = LineWriter.Masking(session.Output, build.Secrets);
    private BuildHost? _host;

    public async Task<int> RunAsync(string[] args)
    {
        try
        {
            return await RunCoreAsync(args);
        }
        catch (UsageException e)
        {
            Error(UsageException.OneLine(e.Message));
            return 2;
        }
        catch (BuildFailedException e)
        {
            Error(e.Message);
            return 1;
        }
        catch (Exception e)
        {
            Error($"{e.GetType().Name}: {e.Message}");
            _output.WriteLine(e.StackTrace);
            return 1;
        }
        finally
        {
            _output.Flush();
        }
    }

    private async Task<int> RunCoreAsync(string[] args)
    {
        var commandLine = CommandLine.Parse(args);
        var options = BuiltInOptions.From(commandLine);
        var ansi = new Ansi(session.Color);
        var root = RootDirectory.Find(options.Root, session.WorkingDirectory, session.RootSearchFallback);
        var nukeDirectory = Path.Combine(root, ".nuke");
        _host = session.Environment.TryGetValue("GITHUB_ACTIONS", out var actions) && actions == "true"
            ? new GitHubActionsHost(_output, session.Output, build.Secrets, session.Environment)
            : new TerminalHost(_output, ansi);
        build.RootDirectory = root;
        build.Host = _host;
        build.Environment = session.Environment;
        build.Log = _output;
        build.Time = session.Time;

        var model = ModelBuilder.Build(build, defaultTargets);
        // Like NUKE, a local run keeps the schema current; a stamp of the build's binaries makes the check nearly free.
        if (!_host.IsServer || options.GenerateSchema)
            BuildSchema.WriteIfChanged(model, nukeDirectory, ModelBuilder.Fingerprint(build), force: options.GenerateSchema);
        if (options.GenerateSchema)
        {
            _output.WriteLine($"Wrote {Path.Combine(".nuke", "build.schema.json")}");
            return 0;
        }
        var listed = ListedOrder(model);
        if (options.Help)
        {
            // Help needs no parameter values: skipping the sources keeps --help fast and working with a broken profile.
            HelpWriter.Write(_output, model, listed);
            return 0;
        }

        var sources = ParameterSources.Load(session.Environment, Directory.Exists(nukeDirectory) ? nukeDirectory : null, options.Profiles);
        sources.CheckFileKeys(model.Parameters);
        ParameterBinder.Bind(model.Parameters, commandLine, sources, build.Secrets);

        var requested = FileTargets(options.Targets, sources, "target") ?? model.DefaultTargets;
        foreach (var name in requested)
            if (model.Find(name) is null) throw new UsageException(Planner.UnknownTarget(name, listed.Where(t => !t.Unlisted).Select(t => t.Name)));
        if (requested.Count == 0) throw new UsageException("No target given and the build has no default target. Run with --help to list the targets.");
        var parallelism = options.Parallelism ?? System.Environment.ProcessorCount;
        if (parallelism < 1) throw new UsageException($"--parallelism must be at least 1, got {parallelism}.");
        var plan = Planner.Plan([.. model.Targets.Select(t => t.Edges)], requested);
        build.PlannedTargets = plan.Targets;

        // After the cheap checks of the command line, so a typo is reported before the build loads its inputs.
        build.OnInitialized();
        var skip = options.Skip ?? (IReadOnlyList<string>?)FileTargets([], sources, "skip");
        var skipReasons = SkipRules.Reasons(model, plan, skip);
        build.OnValidating([.. plan.Targets.Where(t => !skipReasons.ContainsKey(t))]);
        if (options.Plan)
        {
            PlanWriter.Write(_output, plan, skipReasons, build.PlanDetails);
            return 0;
        }
        SkipRules.CheckRequirements(model, plan, skipReasons);

        if (!options.NoLogo) _output.WriteLine(ansi.Dim($"Shipyard build · {_host.Name} · {root}"));
        _host.Start(build.Secrets.Values);
        await build.OnPlannedAsync([.. plan.Targets.Where(t => !skipReasons.ContainsKey(t))], session.Cancellation);
        var settings = new ExecutionSettings(_output, _host, build.Secrets, session.Time, parallelism, session.Cancellation);
        var record = await new Executor(model, plan, skipReasons, settings).RunAsync();

        SummaryWriter.Write(_output, record, ansi);
        _host.Finish(record, PlanWriter.Mermaid(plan));
        build.Record = record;
        await FinishAsync(record);
        return record.ExitCode;
    }

    // Reporting what happened (notifiers) never changes what happened: a failure here is a warning, not the exit code.
    private async Task FinishAsync(RunRecord record)
    {
        try
        {
            await build.OnFinishedAsync(record);
        }
        catch (Exception e)
        {
            _host!.Warning($"Reporting the run failed ({e.GetType().Name}: {build.Mask(e.Message).ReplaceLineEndings(" ")}); the build result stands.");
        }
    }

    /// <summary>Targets given on the command line, else the <c>Target</c>/<c>Skip</c> entry of the parameter files.</summary>
    private static List<string>? FileTargets(IReadOnlyList<string> fromCommandLine, ParameterSources sources, string key)
    {
        if (fromCommandLine.Count > 0) return [.. fromCommandLine];
        return sources.Find(key, includeEnvironment: false) is { } found
            ? [.. found.Values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))]
            : null;
    }

    /// <summary>Help and "Available:" list targets in the order a full run would take, so they read like the pipeline.</summary>
    private static List<TargetNode> ListedOrder(BuildModel model)
    {
        try
        {
            var all = Planner.Plan([.. model.Targets.Select(t => t.Edges)], [.. model.Targets.Select(t => t.Name)]);
            return [.. all.Targets.Select(model.Get)];
        }
        catch (UsageException)
        {
            return [.. model.Targets];
        }
    }

    private void Error(string message)
    {
        if (_host is not null) _host.Error(message);
        else _output.WriteLine(message);
    }
}
