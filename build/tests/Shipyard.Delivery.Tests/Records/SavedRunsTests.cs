using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Records;

namespace Shipyard.Delivery.Tests.Records;

/// <summary>The runs a build leaves in .nuke/temp/runs, which the Reliability report reads the newest Deploy from.</summary>
public sealed class SavedRunsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("saved-runs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static SavedRun Run(int minute, string target, string status = "Succeeded") => new(
        new DateTimeOffset(2026, 12, 3, 9, minute, 0, TimeSpan.Zero), new Dictionary<string, string> { [target] = status }, status == "Failed" ? 1 : 0,
        new ToolTimeSummary(TimeSpan.FromSeconds(91), TimeSpan.FromSeconds(87.5), [KeyValuePair.Create("dotnet", TimeSpan.FromSeconds(78))]));

    [Fact]
    public void TheNewestMatchingRunComesBackWithItsTimes()
    {
        var runs = SavedRuns.Of(_root);
        runs.Save(Run(1, "Deploy"));
        runs.Save(Run(2, "Deploy"));
        runs.Save(Run(3, "Deploy", "Failed"));
        runs.Save(Run(4, "Test"));

        var newest = runs.Newest(r => r.Succeeded("Deploy")).ShouldNotBeNull();

        newest.Finished.Minute.ShouldBe(2);
        newest.Time.Line.ShouldBe("Time: 91.0 s wall; 87.5 s in tools (dotnet 78.0 s); own 3.5 s (3.8 %)");
        runs.Folder.ShouldBe(Path.Combine(_root, ".nuke", "temp", "runs"));
    }

    [Fact]
    public void NoFolderOrNoMatchingRunIsNull()
    {
        SavedRuns.Of(_root).Newest(_ => true).ShouldBeNull();
        SavedRuns.Of(_root).Save(Run(1, "Test"));
        SavedRuns.Of(_root).Newest(r => r.Succeeded("Deploy")).ShouldBeNull();
    }

    [Fact]
    public void AFileThatCannotBeReadIsPassedOver()
    {
        var runs = SavedRuns.Of(_root);
        runs.Save(Run(1, "Deploy"));
        File.WriteAllText(Path.Combine(runs.Folder, "29991231-000000-0000000-1.json"), "{ \"Finished\": ");
        File.WriteAllText(Path.Combine(runs.Folder, "29991231-000000-0000000-2.json"), "{}");

        runs.Newest(r => r.Succeeded("Deploy")).ShouldNotBeNull().Finished.Minute.ShouldBe(1);
    }

    [Fact]
    public void OnlyTheNewestRunsAreKept()
    {
        var runs = SavedRuns.Of(_root);
        for (var i = 0; i < SavedRuns.Kept + 5; i++) runs.Save(Run(i, "Deploy"));

        Directory.GetFiles(runs.Folder).Length.ShouldBe(SavedRuns.Kept);
        runs.Newest(_ => true).ShouldNotBeNull().Finished.ShouldBe(Run(SavedRuns.Kept + 4, "Deploy").Finished);
    }
}
