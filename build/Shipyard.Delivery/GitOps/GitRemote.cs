using LibGit2Sharp;
using LibGit2Sharp.Handlers;
using Shipyard.Engine;

namespace Shipyard.Delivery.GitOps;

/// <summary>
/// The remote side of a GitOps repository: its URL, credentials callback and the translation of libgit2 errors into
/// one-line messages that never contain the token.
/// </summary>
internal sealed class GitRemote
{
    private readonly string? _token;

    public GitRemote(string url, string? token)
    {
        if (string.IsNullOrWhiteSpace(url))
            throw new UsageException("--gitops-repository is empty: give a clone URL or a local path");
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
            throw new UsageException($"--gitops-repository must not carry credentials ({uri.Scheme}://***@{uri.Authority}{uri.AbsolutePath}): pass the token with --gitops-token");
        _token = string.IsNullOrEmpty(token) ? null : token;
        Url = uri is { IsFile: false } || url.Contains("://", StringComparison.Ordinal) ? url : Path.GetFullPath(url);
    }

    /// <summary>The URL libgit2 talks to (a local path made absolute).</summary>
    public string Url { get; }

    /// <summary>
    /// True for a path or <c>file://</c> remote. libgit2's local transport updates the remote ref without
    /// compare-and-swap (a racing push silently overwrites another's commit), so such remotes are pushed with git's
    /// receive-pack, which locks the ref and checks its old value.
    /// </summary>
    public bool IsLocal => !Url.Contains("://", StringComparison.Ordinal) || Url.StartsWith("file://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder of a local remote.</summary>
    public string LocalPath => Url.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(Url).LocalPath : Url;

    /// <summary>Supplies the token as the password of <c>x-access-token</c> (GitHub's convention) when one is set.</summary>
    public CredentialsHandler? Credentials => _token is null
        ? null
        : (_, _, _) => new UsernamePasswordCredentials { Username = "x-access-token", Password = _token };

    /// <summary>A token helper for the git CLI (made in <paramref name="root"/>), or null without a token.</summary>
    public Locks.GitAskPass? AskPass(string root) => _token is null ? null : new Locks.GitAskPass("x-access-token", _token, root);

    public FetchOptions FetchOptions() => new() { CredentialsProvider = Credentials, Prune = false };

    /// <summary>Removes the token from any text (libgit2 messages can echo what the server sent).</summary>
    public string Scrub(string text) => _token is null ? text : text.Replace(_token, "***", StringComparison.Ordinal);

    /// <summary>A one-line, token-free description of a libgit2 failure, with a hint for the common causes.</summary>
    public string Describe(Exception e)
    {
        var message = Scrub(e.Message).Split('\n')[0].Trim();
        var lower = message.ToLowerInvariant();
        var hint = lower switch
        {
            _ when lower.Contains("401") || lower.Contains("authentication") || lower.Contains("replays") || lower.Contains("credentials") =>
                _token is null ? " (authentication required: pass --gitops-token)" : " (the token was refused: check --gitops-token and its write access)",
            _ when lower.Contains("403") => " (the token lacks access to this repository)",
            _ => "",
        };
        return $"{message}{hint}";
    }
}
