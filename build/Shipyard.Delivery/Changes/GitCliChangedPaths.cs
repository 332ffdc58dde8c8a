using Shipyard.Delivery.Processes;

namespace Shipyard.Delivery.Changes;

/// <summary>Changed paths from <c>git diff --name-only -z --no-renames</c>, run through the process runner.</summary>
internal sealed class GitCliChangedPaths(string repositoryPath, ProcessRunner runner) : IChangedPaths
{
    public IReadOnlyList<string> Between(string baseSha, string headSha)
    {
        var result = runner.RunAsync("git",
            ["-C", repositoryPath, "diff", "--name-only", "-z", "--no-renames", baseSha, headSha],
            new ProcessOptions { Echo = false }).GetAwaiter().GetResult();
        return result.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
