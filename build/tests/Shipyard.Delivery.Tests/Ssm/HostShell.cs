using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Tests.Catalog;
using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Delivery.Tests.Ssm;

/// <summary>
/// Plays the SSM agent: runs a sent command's lines with <c>sh</c>, as AWS-RunShellScript does, with a fake
/// <c>kubectl</c> first on PATH (a bash script given by the test) that logs its arguments one per line.
/// </summary>
internal sealed class HostShell : IDisposable
{
    private readonly TempRepository _root = new();

    private readonly IReadOnlyDictionary<string, string> _environment;

    public HostShell(string kubectl, IReadOnlyDictionary<string, string>? environment = null)
    {
        _environment = environment ?? new Dictionary<string, string>();
        _root.File("bin/kubectl", "#!/usr/bin/env bash\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> \"$KUBECTL_LOG\"; done\necho --- >> \"$KUBECTL_LOG\"\n" + kubectl);
        File.SetUnixFileMode(Path.Combine(_root.Root, "bin/kubectl"), (UnixFileMode)0b111_101_101);
    }

    /// <summary>Every kubectl call's arguments, one call per entry.</summary>
    public IReadOnlyList<string[]> Calls => File.Exists(LogFile)
        ? [.. File.ReadAllText(LogFile).Split("---\n", StringSplitOptions.RemoveEmptyEntries).Select(c => c.TrimEnd('\n').Split('\n'))]
        : [];

    public string Root => _root.Root;

    private string LogFile => Path.Combine(_root.Root, "kubectl.log");

    public async Task<FakeSsmReply> RunAsync(FakeSsmCommand command)
    {
        var script = Path.Combine(_root.Root, $"{command.CommandId}.sh");
        await File.WriteAllTextAsync(script, string.Join('\n', command.Commands) + "\n");
        var result = await new ProcessRunner(TextWriter.Null, s => s).RunAsync("sh", [script], new ProcessOptions
        {
            Check = false,
            WorkingDirectory = _root.Root,
            Environment = new Dictionary<string, string?>(_environment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)))
            {
                ["PATH"] = Path.Combine(_root.Root, "bin") + ":" + Environment.GetEnvironmentVariable("PATH"),
                ["KUBECTL_LOG"] = LogFile,
            },
        });
        // SSM's inline output stops at 24,000 (stdout) and 8,000 (stderr) characters.
        return new FakeSsmReply(result.ExitCode == 0 ? "Success" : "Failed",
            Cut(result.StandardOutput, 24_000), Cut(result.StandardError, 8_000), result.ExitCode);
    }

    public void Dispose() => _root.Dispose();

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
