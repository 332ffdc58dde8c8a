using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Locks;

/// <summary>
/// A deploy lock as the ref <c>refs/locks/&lt;key&gt;</c> in the GitOps repository, written with the git CLI. Every push
/// names the value it expects the ref to have (<c>--force-with-lease=ref:expected</c>, empty for "must not exist"),
/// which the server checks under its ref lock: creation, take-over, renewal and release are compare-and-swaps. The
/// ref points at a parentless commit whose message carries holder, times and TTL as JSON.
/// </summary>
internal sealed class GitRefLockStore : ILockStore, IDisposable
{
    private const string EmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private readonly ProcessRunner _runner;
    private readonly string _remote;
    private readonly string? _token;
    private readonly string? _scratchRoot;
    private readonly Lock _gate = new();
    private Scratch? _current;
    private int _users;

    /// <param name="runner">Runs git (commands are not echoed: lock polling would flood the log).</param>
    /// <param name="remote">Clone URL or path of the GitOps repository (no credentials in it).</param>
    /// <param name="token">Token for HTTPS remotes (as the password of <c>x-access-token</c>), or null.</param>
    /// <param name="scratchRoot">Where the scratch repository and askpass helper are made; null: the system temp folder.</param>
    public GitRefLockStore(ProcessRunner runner, string remote, string? token, string? scratchRoot = null) =>
        (_runner, _remote, _token, _scratchRoot) = (runner, remote, string.IsNullOrEmpty(token) ? null : token, scratchRoot);

    /// <summary>The local scratch repository lock commits are made in (nothing in it holds credentials); the last one made.</summary>
    internal string ScratchDirectory { get; private set; } = "";

    /// <summary>
    /// Keeps the scratch repository (and askpass helper) while a lock is being acquired or held; when the last user
    /// lets go they are deleted, so a deploy leaves no <c>shipyard-lock-*</c> or <c>shipyard-askpass-*</c> folder behind.
    /// </summary>
    public IDisposable Use()
    {
        lock (_gate) _users++;
        return new Release(this);
    }

    /// <inheritdoc />
    public bool IsAtomic => true;

    /// <inheritdoc />
    public string Describe(string key) => $"git ref {RefName(key)}";

    /// <inheritdoc />
    public async Task<LockRecord?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var scratch = await ScratchAsync();
        var seen = $"refs/seen/{key}";
        var fetch = await GitAsync(scratch, ["-C", scratch.Directory, "fetch", "--quiet", "--no-write-fetch-head", _remote, $"+{RefName(key)}:{seen}"],
            cancellationToken, check: false);
        if (fetch.ExitCode != 0)
        {
            if (fetch.StandardError.Contains("couldn't find remote ref", StringComparison.Ordinal)) return null;
            throw new BuildFailedException($"Cannot read the deploy lock {RefName(key)} from the GitOps repository: {Tail(fetch)}");
        }
        var cat = await GitAsync(scratch, ["-C", scratch.Directory, "cat-file", "--batch"], cancellationToken, stdin: seen + "\n");
        return GitRefLockMessage.Parse(cat.StandardOutput);
    }

    /// <summary>
    /// The keys under <paramref name="prefix"/> that exist on the remote (one <c>ls-remote</c>, no objects fetched), e.g.
    /// the tickets of a queue whose entries are locks created without force under one prefix.
    /// </summary>
    internal async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var scratch = await ScratchAsync();
        var result = await GitAsync(scratch, ["ls-remote", "--refs", _remote, $"{RefName(prefix)}*"], cancellationToken, check: false);
        if (result.ExitCode != 0)
            throw new BuildFailedException($"Cannot list {RefName(prefix)}* in the GitOps repository: {Tail(result)}");
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t')[^1]["refs/locks/".Length..])];
    }

    /// <inheritdoc />
    public Task<LockRecord?> TryCreateAsync(string key, LockClaim claim, CancellationToken cancellationToken) =>
        PushClaimAsync(key, expected: "", GitRefLockMessage.For(key, claim, claim.Now, token: null), cancellationToken);

    /// <inheritdoc />
    public Task<LockRecord?> TryTakeOverAsync(string key, LockRecord current, LockClaim claim, CancellationToken cancellationToken) =>
        PushClaimAsync(key, current.Version, GitRefLockMessage.For(key, claim, claim.Now, token: null), cancellationToken);

    /// <inheritdoc />
    public Task<LockRecord?> TryRenewAsync(string key, LockRecord held, LockClaim claim, CancellationToken cancellationToken) =>
        PushClaimAsync(key, held.Version, GitRefLockMessage.For(key, claim, held.AcquiredAt ?? claim.Now, held.FencingToken), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> TryReleaseAsync(string key, LockRecord held, CancellationToken cancellationToken) =>
        await PushAsync(key, held.Version, source: "", cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        Scratch? current;
        lock (_gate) (current, _current) = (_current, null);
        current?.Dispose();
    }

    private void LetGo()
    {
        Scratch? idle = null;
        lock (_gate)
        {
            if (--_users == 0) (idle, _current) = (_current, null);
        }
        idle?.Dispose();
    }

    /// <summary>The scratch repository of this moment, made (and initialised once) on first use.</summary>
    private async Task<Scratch> ScratchAsync()
    {
        Scratch scratch;
        lock (_gate)
        {
            if (_current is null)
            {
                _current = new Scratch(_scratchRoot, _token, args => GitAsync(null, args, CancellationToken.None));
                ScratchDirectory = _current.Directory;
            }
            scratch = _current;
        }
        await scratch.Initialised.Value;
        return scratch;
    }

    private async Task<LockRecord?> PushClaimAsync(string key, string expected, string message, CancellationToken cancellationToken)
    {
        var scratch = await ScratchAsync();
        var commit = (await GitAsync(scratch, ["-C", scratch.Directory, "commit-tree", EmptyTree, "-m", message], cancellationToken)).StandardOutput.Trim();
        if (!await PushAsync(key, expected, commit, cancellationToken)) return null;
        return GitRefLockMessage.Parse($"{commit} commit 0\n\n{message}");
    }

    /// <summary>Pushes <paramref name="source"/> (empty: delete) to the lock ref if it still has <paramref name="expected"/>.</summary>
    private async Task<bool> PushAsync(string key, string expected, string source, CancellationToken cancellationToken)
    {
        var scratch = await ScratchAsync();
        var result = await GitAsync(scratch,
            ["-C", scratch.Directory, "push", "--quiet", "--porcelain", $"--force-with-lease={RefName(key)}:{expected}", _remote, $"{source}:{RefName(key)}"],
            cancellationToken, check: false);
        if (result.ExitCode == 0) return true;
        // "[rejected] (stale info)", "(fetch first)", "[remote rejected] (failed to update ref)": someone else wrote first.
        if (result.StandardOutput.Contains("rejected", StringComparison.Ordinal) || result.StandardError.Contains("rejected", StringComparison.Ordinal))
            return false;
        throw new BuildFailedException($"Cannot write the deploy lock {RefName(key)} to the GitOps repository: {Tail(result)}");
    }

    private Task<ProcessResult> GitAsync(Scratch? scratch, string[] args, CancellationToken cancellationToken, bool check = true, string? stdin = null)
    {
        var environment = new Dictionary<string, string?>(scratch?.AskPass?.Environment ?? new Dictionary<string, string?>())
        {
            ["GIT_AUTHOR_NAME"] = "shipyard",
            ["GIT_AUTHOR_EMAIL"] = "shipyard@localhost",
            ["GIT_COMMITTER_NAME"] = "shipyard",
            ["GIT_COMMITTER_EMAIL"] = "shipyard@localhost",
        };
        var options = new ProcessOptions { Echo = false, Check = check, Environment = environment, StandardInput = stdin };
        return _runner.RunAsync("git", ["-c", "credential.helper=", .. args], options, cancellationToken);
    }

    private static string Tail(ProcessResult result) =>
        string.Join(" | ", (result.StandardError + result.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));

    private static string RefName(string key) => $"refs/locks/{key}";

    private sealed class Release(GitRefLockStore store) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) store.LetGo();
        }
    }

    /// <summary>One scratch repository and its askpass helper, deleted together.</summary>
    private sealed class Scratch : IDisposable
    {
        public Scratch(string? root, string? token, Func<string[], Task> git)
        {
            Directory = root is null
                ? System.IO.Directory.CreateTempSubdirectory("shipyard-lock-").FullName
                : System.IO.Directory.CreateDirectory(Path.Combine(root, $"shipyard-lock-{Guid.NewGuid():N}")).FullName;
            AskPass = token is null ? null : new GitAskPass("x-access-token", token, root);
            Initialised = new Lazy<Task>(() => git(["init", "--quiet", "--bare", Directory]));
        }

        public string Directory { get; }

        public GitAskPass? AskPass { get; }

        public Lazy<Task> Initialised { get; }

        public void Dispose()
        {
            AskPass?.Dispose();
            try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
