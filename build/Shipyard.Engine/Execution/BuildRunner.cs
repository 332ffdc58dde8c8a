using System.Linq.Expressions;

namespace Shipyard.Engine;

/// <summary>Entry point of the engine: parses the command line, binds parameters, plans and executes.</summary>
public static class BuildRunner
{
    /// <summary>A session on the real console, environment and current directory, cancelled by Ctrl-C / SIGTERM.</summary>
    public static BuildSession ConsoleSession() => throw new NotImplementedException("engine: ConsoleSession");

    /// <summary>Runs <paramref name="build"/> with <paramref name="args"/>; returns the exit code (0 ok, 1 failed, 2 bad usage).</summary>
    public static Task<int> RunAsync<T>(T build, string[] args, BuildSession session, params Expression<Func<T, Target>>[] defaultTargets)
        where T : BuildBase
        => throw new NotImplementedException("engine: RunAsync");
}
