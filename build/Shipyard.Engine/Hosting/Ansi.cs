namespace Shipyard.Engine;

/// <summary>ANSI colours for the terminal host; every method returns the text unchanged when colour is off.</summary>
internal sealed class Ansi(bool enabled)
{
    public string Red(string text) => Wrap("31", text);
    public string Green(string text) => Wrap("32", text);
    public string Yellow(string text) => Wrap("33", text);
    public string Cyan(string text) => Wrap("36", text);
    public string Bold(string text) => Wrap("1", text);
    public string Dim(string text) => Wrap("2", text);

    public string Status(TargetStatus status, string text) => status switch
    {
        TargetStatus.Succeeded => Green(text),
        TargetStatus.Failed => Red(text),
        TargetStatus.Skipped => Yellow(text),
        _ => Dim(text),
    };

    private string Wrap(string code, string text) => enabled ? $"\e[{code}m{text}\e[0m" : text;
}
