namespace Shipyard.Engine;

/// <summary>One option of the command line as the user spelt it, with its values.</summary>
internal sealed class CommandLineOption(string spelling, string key)
{
    public string Spelling { get; } = spelling;
    public string Key { get; } = key;
    public List<string> Values { get; } = [];
    public bool Present { get; set; }
}
