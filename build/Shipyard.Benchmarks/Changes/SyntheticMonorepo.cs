using System.Text;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Changes;

namespace Shipyard.Benchmarks.Changes;

/// <summary>
/// A generated monorepo for the benchmark: <c>services</c> services of <c>filesPerService</c> files each (spread over
/// ten folders), ten shared libraries, and two commits on main: the base and a head that modifies every
/// <c>changeEvery</c>-th file of every service. Written in one <c>git fast-import</c> stream (one pack, no working
/// tree), which takes seconds for 100,000 files.
/// </summary>
internal sealed record SyntheticMonorepo(string Path, string Base, string Head, IReadOnlyList<Service> Catalog, int Files, int ChangedFiles)
{
    public static async Task<SyntheticMonorepo> CreateAsync(
        string path, int services, int filesPerService, int changeEvery, ProcessRunner runner, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(System.IO.Path.Combine(path, ".git")))
            await ImportAsync(path, services, filesPerService, changeEvery, runner, cancellationToken);
        var shas = await runner.RunAsync("git", ["-C", path, "rev-parse", "main~1", "main"], new ProcessOptions { Echo = false }, cancellationToken);
        var lines = shas.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var catalog = Enumerable.Range(0, services).Select(Service).ToList();
        var changed = services * ((filesPerService + changeEvery - 1) / changeEvery);
        return new SyntheticMonorepo(path, lines[0], lines[1], catalog, services * filesPerService + 10, changed);
    }

    /// <summary>Writes both commits; an existing repository at <paramref name="path"/> is reused (same parameters assumed).</summary>
    private static async Task ImportAsync(
        string path, int services, int filesPerService, int changeEvery, ProcessRunner runner, CancellationToken cancellationToken)
    {
        await runner.RunAsync("git", ["init", "-q", "-b", "main", path], new ProcessOptions { Echo = false }, cancellationToken);
        var stream = new StringBuilder();
        // One blob per service folder and version: diffs compare tree entries by object id and never read a blob, so
        // distinct folders (hence distinct trees) matter, distinct file contents do not; 100,000 inline blobs would
        // make generation ten times slower.
        for (var s = 0; s < services; s++)
            for (var d = 0; d < 10; d++)
            {
                Blob(stream, BaseMark(s, d), $"service {s} folder {d}\n");
                Blob(stream, HeadMark(s, d), $"service {s} folder {d} changed\n");
            }
        Commit(stream, 1, null, "base");
        for (var s = 0; s < services; s++)
            for (var f = 0; f < filesPerService; f++)
                Entry(stream, FilePath(s, f), BaseMark(s, f % 10));
        for (var l = 0; l < 10; l++) File(stream, $"libs/lib-{l}/Shared.cs", $"lib {l}\n");
        Commit(stream, 2, 1, "head");
        for (var s = 0; s < services; s++)
            for (var f = 0; f < filesPerService; f += changeEvery)
                Entry(stream, FilePath(s, f), HeadMark(s, f % 10));
        stream.Append("done\n");
        await runner.RunAsync("git", ["-C", path, "fast-import", "--quiet", "--done"],
            new ProcessOptions { Echo = false, StandardInput = stream.ToString() }, cancellationToken);
    }

    private static string Name(int s) => $"svc-{s:0000}";

    private static string FilePath(int s, int f) => $"services/{Name(s)}/src/d{f % 10}/File{f:000}.cs";

    private static Service Service(int s) => new()
    {
        Name = Name(s),
        Directory = $"services/{Name(s)}",
        ImageRepository = Name(s),
        Dockerfile = $"services/{Name(s)}/Dockerfile",
        Context = $"services/{Name(s)}",
        Dependencies = [$"libs/lib-{s % 10}"],
        Manifest = new GitOpsManifest { Path = $"deploy/applications/{Name(s)}/kustomization.yaml", ImageName = Name(s), Application = Name(s) },
        Workload = new KubernetesWorkload { Deployment = Name(s), Container = Name(s) },
    };

    private static void Commit(StringBuilder stream, int mark, int? parent, string message)
    {
        stream.Append($"commit refs/heads/main\nmark :{mark}\ncommitter Bench <bench@example.com> {1700000000 + mark} +0000\n");
        stream.Append($"data {Encoding.UTF8.GetByteCount(message)}\n{message}\n");
        if (parent is { } p) stream.Append($"from :{p}\n");
    }

    private static int BaseMark(int s, int d) => 10 + (s * 10 + d) * 2;

    private static int HeadMark(int s, int d) => BaseMark(s, d) + 1;

    private static void Blob(StringBuilder stream, int mark, string content) =>
        stream.Append($"blob\nmark :{mark}\ndata {Encoding.UTF8.GetByteCount(content)}\n{content}\n");

    private static void Entry(StringBuilder stream, string path, int mark) => stream.Append($"M 100644 :{mark} {path}\n");

    private static void File(StringBuilder stream, string path, string content) =>
        stream.Append($"M 100644 inline {path}\ndata {Encoding.UTF8.GetByteCount(content)}\n{content}\n");
}
