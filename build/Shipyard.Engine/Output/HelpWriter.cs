namespace Shipyard.Engine;

/// <summary>Renders <c>--help</c>: usage, targets with their dependencies and the default marker, parameters with types.</summary>
internal static class HelpWriter
{
    public static void Write(TextWriter output, BuildModel model, IReadOnlyList<TargetNode> orderedTargets)
    {
        output.WriteLine("Usage: ./build.sh [targets] [--parameter value ...]   (build.ps1 on Windows)");
        output.WriteLine();
        output.WriteLine("Targets (with their direct dependencies):");
        var targets = orderedTargets.Where(t => !t.Unlisted).Select(t =>
        {
            var name = model.DefaultTargets.Contains(t.Name) ? $"{t.Name} (default)" : t.Name;
            var dependencies = t.Edges.DependsOn.Concat(model.Targets.Where(o => o.Edges.DependentFor.Contains(t.Name)).Select(o => o.Name)).ToList();
            var head = dependencies.Count == 0 ? name : $"{name} -> {string.Join(", ", dependencies)}";
            return (Head: head, Description: t.Description ?? "");
        }).ToList();
        WriteColumns(output, targets);

        var parameters = model.Parameters.Select(p =>
        {
            var description = p.IsSecret ? $"{p.Description} (secret)".TrimStart() : p.Description;
            return (Head: $"{p.Option} <{ValueConverter.Describe(p.Type)}>", Description: description);
        }).ToList();
        if (parameters.Count > 0)
        {
            output.WriteLine();
            var example = model.Parameters[0].Name.Replace('-', '_').ToUpperInvariant();
            output.WriteLine($"Parameters (also read from environment variables such as {example} or NUKE_{example}, and from .nuke/parameters[.<profile>].json):");
            WriteColumns(output, parameters);
        }

        output.WriteLine();
        output.WriteLine("Options:");
        WriteColumns(output, [.. BuiltInOptions.All.Select(b => (Head: $"{b.Option} {b.Type}".TrimEnd(), b.Description))]);
    }

    private static void WriteColumns(TextWriter output, IReadOnlyList<(string Head, string Description)> rows)
    {
        var width = rows.Select(r => r.Head.Length).DefaultIfEmpty().Max() + 2;
        foreach (var (head, description) in rows)
            output.WriteLine($"  {head.PadRight(width)}{description}".TrimEnd());
    }
}
