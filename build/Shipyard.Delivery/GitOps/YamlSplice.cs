using System.Text;
using Shipyard.Engine;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Shipyard.Delivery.GitOps;

/// <summary>
/// Edits YAML text in place: the parser gives exact positions (marks) of the scalars to change, and only
/// those character ranges are replaced, so everything else in the file stays byte for byte.
/// </summary>
internal sealed class YamlSplice
{
    private readonly List<(int Start, int End, string Text)> _edits = [];

    private YamlSplice(string text, string file, YamlStream stream)
    {
        Text = text;
        File = file;
        Documents = stream.Documents;
        NewLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
    }

    public string Text { get; }

    public string File { get; }

    public string NewLine { get; }

    public IList<YamlDocument> Documents { get; }

    /// <summary>Parses every document of <paramref name="text"/>; malformed YAML is a usage error naming file and line.</summary>
    public static YamlSplice Parse(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var reason = (e.InnerException?.Message ?? e.Message).Split('\n')[0].Trim();
            throw new UsageException($"{file}:{e.End.Line}: malformed YAML: {reason}");
        }
        return new YamlSplice(text, file, stream);
    }

    /// <summary><c>file:line</c> of a node, for error messages.</summary>
    public string Where(YamlNode node) => $"{File}:{node.Start.Line}";

    /// <summary>The value of <paramref name="key"/> in <paramref name="mapping"/> and its key node, or nulls.</summary>
    public static (YamlScalarNode? Key, YamlNode? Value) Find(YamlMappingNode mapping, string key)
    {
        foreach (var (k, v) in mapping.Children)
            if (k is YamlScalarNode s && s.Value == key) return (s, v);
        return (null, null);
    }

    /// <summary>Replaces a scalar's value, keeping its quoting style (a plain value that would read as a non-string is double-quoted).</summary>
    public void Replace(YamlScalarNode key, YamlScalarNode value, string newValue)
    {
        if (value.Value == newValue) return;
        if (value.Style is ScalarStyle.Literal or ScalarStyle.Folded)
            throw new UsageException($"{Where(value)}: '{key.Value}' is a block scalar; write it as a one-line value");
        if (value.Value is "" && value.Style is ScalarStyle.Plain or ScalarStyle.Any)
        {
            // An empty plain value ("tag:") has no characters to replace: write after the colon.
            var colon = Text.IndexOf(':', (int)key.End.Index);
            _edits.Add((colon + 1, colon + 1, " " + YamlScalars.Render(newValue, ScalarStyle.Plain)));
            return;
        }
        _edits.Add(((int)value.Start.Index, (int)value.End.Index, YamlScalars.Render(newValue, value.Style)));
    }

    /// <summary>Adds <c>key: value</c> pairs at the end of <paramref name="mapping"/>, indented like its other keys.</summary>
    public void Append(YamlMappingNode mapping, IReadOnlyList<(string Key, string Value)> pairs)
    {
        if (pairs.Count == 0) return;
        var (lastKey, lastValue) = mapping.Children.Last();
        var end = (int)lastValue.End.Index;
        if (mapping.Style == YamlDotNet.Core.Events.MappingStyle.Flow)
        {
            var flow = string.Concat(pairs.Select(p => $", {p.Key}: {YamlScalars.Render(p.Value, ScalarStyle.Plain)}"));
            _edits.Add((end, end, flow));
            return;
        }
        var indent = new string(' ', (int)lastKey.Start.Column - 1);
        var lineEnd = LineEnd(end);
        var block = string.Concat(pairs.Select(p => $"{NewLine}{indent}{p.Key}: {YamlScalars.Render(p.Value, ScalarStyle.Plain)}"));
        _edits.Add((lineEnd, lineEnd, block));
    }

    /// <summary>Removes a one-line <c>key: value</c> pair from a block mapping (with its line).</summary>
    public void Remove(YamlScalarNode key, YamlNode value)
    {
        if (key.Start.Line != value.End.Line)
            throw new UsageException($"{Where(key)}: cannot remove '{key.Value}' spanning several lines; remove it by hand");
        var start = Text.LastIndexOf('\n', Math.Max(0, (int)key.Start.Index - 1)) + 1;
        var end = LineEnd((int)value.End.Index);
        var prefix = Text[start..(int)key.Start.Index];
        if (prefix.Trim().Length > 0)
            throw new UsageException($"{Where(key)}: cannot remove '{key.Value}' sharing its line with other content; remove it by hand");
        _edits.Add((start, Math.Min(Text.Length, end + NewLine.Length), ""));
    }

    /// <summary>The text with every recorded edit applied.</summary>
    public string Apply()
    {
        if (_edits.Count == 0) return Text;
        var result = new StringBuilder(Text);
        foreach (var (start, end, text) in _edits.OrderByDescending(e => e.Start))
            result.Remove(start, end - start).Insert(start, text);
        return result.ToString();
    }

    // Index of the line break ending the line that holds position i (after any trailing comment).
    private int LineEnd(int i)
    {
        var n = Text.IndexOf('\n', i);
        if (n < 0) return Text.Length;
        return n > 0 && Text[n - 1] == '\r' ? n - 1 : n;
    }
}
