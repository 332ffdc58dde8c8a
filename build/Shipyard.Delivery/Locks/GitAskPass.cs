namespace Shipyard.Delivery.Locks;

/// <summary>
/// Hands a token to the git CLI without putting it on a command line, in a URL, in git config or in a file: a
/// <c>GIT_ASKPASS</c> script (holding no secret) echoes it from an environment variable of the git process only.
/// </summary>
internal sealed class GitAskPass : IDisposable
{
    private const string Script = """
        #!/bin/sh
        case "$1" in
          Username*) printf '%s\n' "$SHIPYARD_GIT_USERNAME" ;;
          *) printf '%s\n' "$SHIPYARD_GIT_PASSWORD" ;;
        esac
        """;

    private readonly string _directory;

    /// <param name="username">Answer to git's user name prompt.</param>
    /// <param name="token">Answer to the password prompt (kept in the git process's environment only).</param>
    /// <param name="root">Folder to make the helper's folder in; null: the system temp folder.</param>
    public GitAskPass(string username, string token, string? root = null)
    {
        _directory = root is null
            ? Directory.CreateTempSubdirectory("shipyard-askpass-").FullName
            : Directory.CreateDirectory(Path.Combine(root, $"shipyard-askpass-{Guid.NewGuid():N}")).FullName;
        ScriptPath = Path.Combine(_directory, "askpass.sh");
        File.WriteAllText(ScriptPath, Script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(ScriptPath, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Environment = new Dictionary<string, string?>
        {
            ["GIT_ASKPASS"] = ScriptPath,
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["SHIPYARD_GIT_USERNAME"] = username,
            ["SHIPYARD_GIT_PASSWORD"] = token,
        };
    }

    /// <summary>The script's path.</summary>
    public string ScriptPath { get; }

    /// <summary>Variables to set on each git process.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
