using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Changes;

/// <summary>
/// Changed paths from <c>git diff --name-only -z --no-renames</c>, run through the process runner. The build's choice:
/// on a 100,000-file monorepo with 5,000 changed files it takes about git's own time (it is git's own diff, plus
/// one process start), while libgit2's tree diff and a LibGit2Sharp tree walk take 2–3.5× as long (see
/// <see cref="ChangesBenchmark"/>). <c>-z</c> keeps unusual file names unquoted.
/// </summary>
internal sealed class GitCliChangedPaths(string repositoryPath, ProcessRunner runner) : IChangedPaths
{
    public async Task<IReadOnlyList<string>> BetweenAsync(string baseSha, string headSha, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync("git",
            ["-C", repositoryPath, "diff", "--name-only", "-z", "--no-renames", baseSha, headSha],
            new ProcessOptions { Echo = false }, cancellationToken);
        return result.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
