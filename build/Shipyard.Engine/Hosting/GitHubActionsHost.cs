namespace Shipyard.Engine;

/// <summary>
/// GitHub Actions (<c>GITHUB_ACTIONS=true</c>): log groups per target, annotations, <c>::add-mask::</c> for secrets,
/// job summary and step outputs through the files GitHub names in the environment.
/// </summary>
internal sealed class GitHubActionsHost(TextWriter output, TextWriter raw, SecretSet secrets, IReadOnlyDictionary<string, string> environment)
    : BuildHost(output)
{
    public override string Name => "GitHubActions";
    public override bool IsServer => true;

    /// <summary>The one place a raw secret value is written: GitHub must be told what to mask in its own log.</summary>
    public override void Start(IEnumerable<string> secretValues)
    {
        foreach (var value in secretValues) AddMask(value);
        secrets.Added = AddMask;
    }

    private void AddMask(string value)
    {
        lock (raw)
        {
            // GitHub masks line by line, so a multi-line secret is announced one line at a time.
            foreach (var line in value.Split('\n'))
                if (line.Trim().Length > 0) raw.Write($"::add-mask::{line.TrimEnd('\r')}\n");
            raw.Flush();
        }
    }

    public override void BeginTarget(string name) => Output.WriteLine($"::group::{name}");
    public override void EndTarget(string name) => Output.WriteLine("::endgroup::");
    public override void Warning(string message) => Output.WriteLine($"::warning::{Escape(message)}");
    public override void Error(string message) => Output.WriteLine($"::error::{Escape(message)}");

    public override void SetOutput(string name, string value)
    {
        var masked = secrets.Mask(value);
        if (!masked.Contains('\n'))
        {
            Append("GITHUB_OUTPUT", $"{name}={masked}\n");
            return;
        }
        var delimiter = $"ghadelimiter_{Guid.NewGuid():N}";
        Append("GITHUB_OUTPUT", $"{name}<<{delimiter}\n{masked}\n{delimiter}\n");
    }

    public override void AppendSummary(string markdown) => Append("GITHUB_STEP_SUMMARY", secrets.Mask(markdown) + "\n");

    public override void Finish(RunRecord record, string mermaidPlan) =>
        AppendSummary(SummaryWriter.Markdown(record) + "\n" + mermaidPlan);

    private void Append(string variable, string text)
    {
        if (!environment.TryGetValue(variable, out var path) || path.Length == 0) return;
        lock (secrets) File.AppendAllText(path, text);
    }

    /// <summary>Workflow commands end at the line break; GitHub decodes these escapes back.</summary>
    private static string Escape(string message) =>
        message.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}
