using System.Linq.Expressions;

namespace Shipyard.Engine;

/// <summary>Entry point of the engine: parses the command line, binds parameters, plans and executes.</summary>
public static class BuildRunner
{
    /// <summary>A session on the real console, environment and current directory, cancelled by Ctrl-C / SIGTERM.</summary>
    public static BuildSession ConsoleSession() => ConsoleSessionFactory.Create();

    /// <summary>Runs <paramref name="build"/> with <paramref name="args"/>; returns the exit code (0 ok, 1 failed, 2 bad usage, 130 cancelled).</summary>
    public static Task<int> RunAsync<T>(T build, string[] args, BuildSession session, params Expression<Func<T, Target>>[] defaultTargets)
        where T : BuildBase
    {
        var defaults = defaultTargets.Select(d => d.Body is MemberExpression m
            ? m.Member.Name
            : throw new ArgumentException($"A default target must be a target property (x => x.Test), not {d}.")).ToList();
        return new BuildRun(build, session, defaults).RunAsync(args);
    }
}
