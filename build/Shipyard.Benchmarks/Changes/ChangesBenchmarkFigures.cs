namespace Shipyard.Benchmarks.Changes;

/// <summary>The benchmark's measurements (medians), and the ratios to <c>git diff --name-only</c>.</summary>
/// <param name="Files">Files in the generated repository.</param>
/// <param name="Services">Services in its catalog.</param>
/// <param name="ChangedFiles">Files the head commit modifies.</param>
/// <param name="AffectedServices">Services the computation found affected (a sanity check: every one, here).</param>
/// <param name="GitDiff">Median time of <c>git diff --name-only base head</c> (process start included).</param>
/// <param name="TreeDiff">Median time of the affected set with the LibGit2Sharp tree diff (what the build uses).</param>
/// <param name="TreeWalk">Median time of the affected set with our own OID-skipping tree walk over LibGit2Sharp.</param>
/// <param name="GitCli">Median time of the affected set with <c>git diff --name-only -z</c> through the process runner.</param>
public sealed record ChangesBenchmarkFigures(
    int Files, int Services, int ChangedFiles, int AffectedServices, TimeSpan GitDiff, TimeSpan TreeDiff, TimeSpan TreeWalk, TimeSpan GitCli)
{
    /// <summary>Tree-diff time over git's own time; the goal is at most 1.5.</summary>
    public double TreeDiffRatio => TreeDiff / GitDiff;

    /// <summary>Tree-walk time over git's own time.</summary>
    public double TreeWalkRatio => TreeWalk / GitDiff;

    /// <summary>Git-CLI-based time over git's own time.</summary>
    public double GitCliRatio => GitCli / GitDiff;

    /// <inheritdoc />
    public override string ToString() =>
        $"files={Files:N0} services={Services:N0} changed={ChangedFiles:N0} affected={AffectedServices:N0} | " +
        $"git diff --name-only {GitDiff.TotalMilliseconds:F1} ms | affected set (LibGit2Sharp tree diff) {TreeDiff.TotalMilliseconds:F1} ms, ratio {TreeDiffRatio:F2} | " +
        $"affected set (OID tree walk) {TreeWalk.TotalMilliseconds:F1} ms, ratio {TreeWalkRatio:F2} | " +
        $"affected set (git diff -z) {GitCli.TotalMilliseconds:F1} ms, ratio {GitCliRatio:F2}";
}
