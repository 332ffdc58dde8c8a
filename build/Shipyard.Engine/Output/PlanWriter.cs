using System.Text;

namespace Shipyard.Engine;

/// <summary>Renders <c>--plan</c>: the numbered execution order and a Mermaid graph of the plan.</summary>
internal static class PlanWriter
{
    public static void Write(TextWriter output, ExecutionPlan plan, IReadOnlyDictionary<string, string> skipReasons, Func<string, IReadOnlyList<string>>? details = null)
    {
        output.WriteLine($"Execution plan for {string.Join(", ", plan.Requested)} (--plan: nothing runs):");
        var width = plan.Targets.Select(t => t.Length).DefaultIfEmpty().Max() + 2;
        for (var i = 0; i < plan.Targets.Count; i++)
        {
            var name = plan.Targets[i];
            var notes = new List<string>();
            if (plan.TriggeredBy(name) is { } trigger) notes.Add($"triggered by {trigger}");
            if (skipReasons.TryGetValue(name, out var reason)) notes.Add($"skipped: {reason}");
            output.WriteLine($"  {i + 1,2}. {name.PadRight(width)}{string.Join("; ", notes)}".TrimEnd());
            if (details is not null && !skipReasons.ContainsKey(name))
                foreach (var line in details(name)) output.WriteLine($"      {line}");
        }
        output.WriteLine();
        output.Write(Mermaid(plan));
    }

    /// <summary>Solid arrows for dependencies, dotted for triggers and ordering; fenced for markdown.</summary>
    public static string Mermaid(ExecutionPlan plan)
    {
        var text = new StringBuilder("```mermaid\ngraph LR\n");
        foreach (var name in plan.Targets.Where(t => !plan.Edges.Any(e => e.From == t || e.To == t)))
            text.Append($"  {name}\n");
        foreach (var edge in plan.Edges)
        {
            var arrow = edge.Kind switch
            {
                PlanEdgeKind.Dependency => "-->",
                PlanEdgeKind.Trigger => "-. triggers .->",
                _ => "-. before .->",
            };
            text.Append($"  {edge.From} {arrow} {edge.To}\n");
        }
        return text.Append("```\n").ToString();
    }
}
