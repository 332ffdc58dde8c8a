using System.Runtime.CompilerServices;

namespace Shipyard.Engine.Tests.Output;

/// <summary>
/// Expected output, exactly as a user sees it, kept as text files next to this class. Run the tests with
/// <c>UPDATE_SNAPSHOTS=1</c> to rewrite them after an intended change, then review the diff.
/// </summary>
internal static class Snapshots
{
    public static void ShouldMatch(string actual, string name, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(caller)!, "Snapshots", name + ".txt");
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }
        File.Exists(path).ShouldBeTrue($"Snapshot {path} is missing: run with UPDATE_SNAPSHOTS=1 and review it.");
        actual.ShouldBe(File.ReadAllText(path));
    }
}
