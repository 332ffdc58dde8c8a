namespace Shipyard.Delivery.Testing;

/// <summary>The message of a failed suite: the counts first (the summary note), then what failed and how to re-run it.</summary>
public static class TestFailure
{
    private const int MaxNames = 20;

    /// <summary>Describes why <paramref name="result"/> failed, for a <c>BuildFailedException</c>.</summary>
    public static string Describe(TestSuite suite, TestRunResult result, string rootDirectory)
    {
        var folder = Path.GetRelativePath(rootDirectory, suite.WorkingDirectory).Replace('\\', '/');
        var rerun = folder == "." ? suite.Command : $"cd {folder} && {suite.Command}";
        // The first line becomes the summary row's note, so it is the counts alone.
        var lines = new List<string> { result.Note };
        if (result.FailedTests.Count > 0)
        {
            lines.Add("Failing tests:");
            lines.AddRange(result.FailedTests.Take(MaxNames).Select(name => "  " + name));
            if (result.FailedTests.Count > MaxNames) lines.Add($"  ... and {result.FailedTests.Count - MaxNames} more");
        }
        else
        {
            lines.Add($"The test command failed before reporting a failed test (build error?): {result.OutputTail}");
        }
        lines.Add($"Re-run them with: {rerun}");
        return string.Join('\n', lines);
    }
}
