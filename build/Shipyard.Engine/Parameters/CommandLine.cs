namespace Shipyard.Engine;

/// <summary>
/// The command line split into positional target names and options. An option takes every following token up to
/// the next <c>--option</c>, so <c>--skip Test Build</c> and <c>--service a,b</c> both work; <c>--name=value</c> too.
/// </summary>
internal sealed class CommandLine
{
    public List<string> Positional { get; } = [];

    /// <summary>Options in the order given; a repeated option appends its values to the first occurrence.</summary>
    public List<CommandLineOption> Options { get; } = [];

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine();
        CommandLineOption? current = null;
        foreach (var arg in args)
        {
            if (IsOption(arg))
            {
                var text = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : arg[1..];
                var equals = text.IndexOf('=', StringComparison.Ordinal);
                var spelling = equals >= 0 ? text[..equals] : text;
                var key = NameConvention.Normalize(spelling);
                current = result.Options.FirstOrDefault(o => o.Key == key);
                if (current is null)
                {
                    current = new CommandLineOption("--" + spelling, key);
                    result.Options.Add(current);
                }
                current.Present = true;
                if (equals >= 0) current.Values.Add(text[(equals + 1)..]);
            }
            else if (current is null)
                result.Positional.Add(arg);
            else
                current.Values.Add(arg);
        }
        return result;
    }

    public CommandLineOption? Find(string key) => Options.FirstOrDefault(o => o.Key == key);

    /// <summary><c>--name</c> and the short help forms; a lone <c>-1</c> stays a value.</summary>
    private static bool IsOption(string arg) =>
        (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2) || arg is "-h" or "-?";
}
