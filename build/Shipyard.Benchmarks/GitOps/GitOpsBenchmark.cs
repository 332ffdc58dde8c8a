using System.Diagnostics;
using LibGit2Sharp;
using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.GitOps;

namespace Shipyard.Benchmarks.GitOps;

/// <summary>
/// Measures concurrent GitOps deploys against one remote: <c>writers</c> deploys of different services (one manifest
/// each) started together, versus one deploy's git step alone, in the same run on the same machine. The remote is
/// a bare repository made in <paramref name="workRoot"/>, or <paramref name="remoteUrl"/> (e.g. over HTTP) when given,
/// seeded beforehand with <see cref="Seed"/>.
/// </summary>
public sealed class GitOpsBenchmark(string workRoot, TimeProvider time, string? remoteUrl = null, string? token = null)
{
    /// <summary>Runs the benchmark with <paramref name="writers"/> concurrent deploys.</summary>
    /// <param name="writers">Concurrent deploys, one service each.</param>
    /// <param name="separate">
    /// False: the deploys share one repository object, as the pipeline's parallel fan-out does (their commits are
    /// grouped into one push). True: each has its own, like separate CI jobs racing on the remote.
    /// </param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task<GitOpsBenchmarkFigures> RunAsync(int writers, bool separate, CancellationToken cancellationToken)
    {
        var root = Directory.CreateDirectory(Path.Combine(workRoot, $"gitops-bench-{Guid.NewGuid():N}")).FullName;
        try
        {
            var url = remoteUrl ?? Seed(Path.Combine(root, "remote.git"), writers + 3);
            GitOpsRepository Open() => new(
                new GitOpsRepositorySettings { Url = url, Token = token, WorkRoot = root, MaxAttempts = 30 }, TextWriter.Null, time);
            var repository = Open();
            await repository.CheckReachableAsync(cancellationToken);

            var singles = new List<TimeSpan>();
            for (var i = 0; i < 3; i++)
                singles.Add(await TimeAsync(() => repository.WriteAsync(Change(writers + i, "single"), cancellationToken)));

            var results = new GitOpsWriteResult[writers];
            var wall = await TimeAsync(() => Task.WhenAll(Enumerable.Range(0, writers).Select(async i =>
                results[i] = await (separate ? Open() : repository).WriteAsync(Change(i, "concurrent"), cancellationToken))));

            var (landed, linear) = Inspect(url, root, writers, results.Select(r => r.Commit));
            return new GitOpsBenchmarkFigures(writers, separate, singles.Order().ElementAt(1), wall, landed, linear,
                results.Sum(r => r.Attempts), results.Max(r => r.Attempts));
        }
        finally
        {
            foreach (var f in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)) File.SetAttributes(f, FileAttributes.Normal);
            Directory.Delete(root, recursive: true);
        }
    }

    private async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var start = time.GetTimestamp();
        await action();
        return time.GetElapsedTime(start);
    }

    /// <summary>The benchmark's change: service <paramref name="service"/>'s image tag set to <paramref name="tag"/>.</summary>
    internal static GitOpsChange Change(int service, string tag) => new($"bench/svc-{service}/kustomization.yaml", (text, path) =>
        ManifestEditors.For(ManifestKind.Kustomize).Edit(text, path,
            new GitOpsManifest { Path = path, ImageName = $"svc-{service}", Application = $"svc-{service}" },
            new ImageReference("127.0.0.1:5000", $"svc-{service}", tag)),
        $"Update svc-{service} to version {tag}\n");

    /// <summary>Makes a bare remote at <paramref name="bare"/> whose main holds one kustomization per service; returns its URL.</summary>
    public static string Seed(string bare, int services)
    {
        Repository.Init(bare, isBare: true);
        using var repo = new Repository(bare);
        var tree = new TreeDefinition();
        for (var i = 0; i < services; i++)
        {
            var blob = repo.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
                $"# svc-{i}\nresources: [deployment.yaml]\nimages:\n- name: svc-{i}\n  newName: 127.0.0.1:5000/svc-{i}\n  newTag: seed000 # set by CI\n")));
            tree.Add($"bench/svc-{i}/kustomization.yaml", blob, Mode.NonExecutableFile);
        }
        var who = new Signature("bench", "bench@example.com", DateTimeOffset.UnixEpoch);
        var commit = repo.ObjectDatabase.CreateCommit(who, who, "Seed", repo.ObjectDatabase.CreateTree(tree), [], prettifyMessage: false);
        repo.Refs.Add("refs/heads/main", commit.Id);
        repo.Refs.UpdateTarget("HEAD", "refs/heads/main");
        return new Uri(bare).AbsoluteUri;
    }

    /// <summary>How many of <paramref name="commits"/> are on main, and whether main's history has no merge.</summary>
    internal static (int Landed, bool Linear) Inspect(string url, string root, int writers, IEnumerable<string?> commits)
    {
        var clone = Repository.Clone(url, Path.Combine(root, $"inspect-{Guid.NewGuid():N}"), new CloneOptions { BranchName = "main" });
        using var repo = new Repository(clone);
        var history = repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = repo.Head.Tip }).ToList();
        var shas = history.Select(c => c.Sha).ToHashSet();
        var landed = commits.Count(c => c is not null && shas.Contains(c));
        Debug.Assert(landed <= writers);
        return (landed, history.All(c => c.Parents.Count() <= 1));
    }
}
