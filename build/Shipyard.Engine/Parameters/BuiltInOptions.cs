namespace Shipyard.Engine;

/// <summary>The engine's own options: <c>--help</c>, <c>--plan</c>, <c>--skip</c>, <c>--profile</c> ...</summary>
internal sealed record BuiltInOptions
{
    public static readonly IReadOnlyList<(string Option, string Type, string Description)> All =
    [
        ("--target", "<target[]>", "Targets to run (same as naming them first)"),
        ("--skip", "[target...]", "Skips the named targets; without names skips every target not named on the command line"),
        ("--plan", "", "Prints the execution plan and its Mermaid graph; runs nothing"),
        ("--profile", "<name[]>", "Reads .nuke/parameters.<name>.json (repeatable; later profiles win)"),
        ("--parallelism", "<int>", "How many fan-out items run at once (default: processor count)"),
        ("--root", "<path>", "Repository root (default: nearest folder with .nuke/)"),
        ("--no-logo", "", "Leaves out the start banner"),
        ("--generate-schema", "", "Writes .nuke/build.schema.json and exits"),
        ("--help", "", "Shows this help"),
    ];

    private static readonly HashSet<string> Keys =
        ["target", "skip", "plan", "profile", "parallelism", "root", "nologo", "generateschema", "help", "h", "?"];

    public bool Help { get; init; }
    public bool Plan { get; init; }
    public bool NoLogo { get; init; }
    public bool GenerateSchema { get; init; }
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Null when <c>--skip</c> was not given; empty when given without names (skip all but the named targets).</summary>
    public IReadOnlyList<string>? Skip { get; init; }

    public IReadOnlyList<string> Profiles { get; init; } = [];
    public int? Parallelism { get; init; }
    public string? Root { get; init; }

    public static bool IsBuiltIn(string key) => Keys.Contains(key);

    public static BuiltInOptions From(CommandLine commandLine)
    {
        CommandLineOption? Option(string key) => commandLine.Find(key);
        bool Flag(params string[] keys) => keys.Any(k => Option(k) is { } o && (bool)ValueConverter.Convert(typeof(bool), o.Values, o.Spelling)!);
        // A bare --skip (no names) has its own meaning; every other list option needs at least one value.
        string[] List(string key) => Option(key) is not { } o ? []
            : key == "skip" && o.Values.Count == 0 ? []
            : (string[])ValueConverter.Convert(typeof(string[]), o.Values, o.Spelling)!;

        return new BuiltInOptions
        {
            Help = Flag("help", "h", "?"),
            Plan = Flag("plan"),
            NoLogo = Flag("nologo"),
            GenerateSchema = Flag("generateschema"),
            Targets = [.. commandLine.Positional, .. List("target")],
            Skip = Option("skip") is null ? null : List("skip"),
            Profiles = List("profile"),
            Parallelism = Option("parallelism") is { } p ? (int)ValueConverter.Convert(typeof(int), p.Values, p.Spelling)! : null,
            Root = Option("root") is { } r ? (string)ValueConverter.Convert(typeof(string), r.Values, r.Spelling)! : null,
        };
    }
}
