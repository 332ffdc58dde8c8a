namespace Shipyard.Engine;

/// <summary>A developer's terminal: section headers per target, colour when the session allows it.</summary>
internal sealed class TerminalHost(TextWriter output, Ansi ansi) : BuildHost(output)
{
    public override string Name => "Terminal";
    public override bool IsServer => false;

    public override void Warning(string message) => Output.WriteLine(ansi.Yellow("warning: " + message));
    public override void Error(string message) => Output.WriteLine(ansi.Red(message));

    public override void BeginTarget(string name)
    {
        Output.WriteLine();
        Output.WriteLine(ansi.Cyan(ansi.Bold($"── {name} " + new string('─', Math.Max(3, 56 - name.Length)))));
    }
}
