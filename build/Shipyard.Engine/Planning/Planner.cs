namespace Shipyard.Engine;

/// <summary>
/// Computes the execution plan: a pure function of the target graph and the requested targets (no I/O).
/// Dependencies and triggers pull targets in; Before/After only order targets that are planned anyway.
/// </summary>
internal static class Planner
{
    public static ExecutionPlan Plan(IReadOnlyList<PlanNode> nodes, IReadOnlyList<string> requested)
    {
        var byName = nodes.ToDictionary(n => n.Name, StringComparer.OrdinalIgnoreCase);
        var requestedNames = requested.Select(r => Resolve(byName, nodes, r)).Distinct().ToList();
        var needs = Edges(nodes, n => n.DependsOn, n => n.DependentFor);
        var triggers = Edges(nodes, n => n.Triggers, n => n.TriggeredBy);
        var runsBefore = Edges(nodes, n => n.Before, n => n.After);

        // Natural order: dependencies first (as declared), then the target, then what it triggers.
        var natural = new List<string>();
        var visiting = new HashSet<string>();
        void Visit(string name)
        {
            if (natural.Contains(name) || visiting.Contains(name)) return;
            visiting.Add(name);
            foreach (var dependency in needs[name]) Visit(dependency);
            visiting.Remove(name);
            natural.Add(name);
            foreach (var triggered in triggers[name]) Visit(triggered);
        }
        foreach (var name in requestedNames) Visit(name);

        var planned = natural.ToHashSet();
        var edges = new List<PlanEdge>();
        foreach (var name in natural)
        {
            edges.AddRange(needs[name].Select(d => new PlanEdge(d, name, PlanEdgeKind.Dependency)));
            edges.AddRange(triggers[name].Select(t => new PlanEdge(name, t, PlanEdgeKind.Trigger)));
            edges.AddRange(runsBefore[name].Where(planned.Contains).Select(b => new PlanEdge(name, b, PlanEdgeKind.Order)));
        }
        edges = [.. edges.DistinctBy(e => (e.From, e.To))];

        var declared = nodes.Select((n, i) => (n.Name, i)).ToDictionary(x => x.Name, x => x.i);
        return new ExecutionPlan(Order(natural, edges, declared), edges, requestedNames);
    }

    private static string Resolve(Dictionary<string, PlanNode> byName, IReadOnlyList<PlanNode> nodes, string name) =>
        byName.TryGetValue(name, out var node)
            ? node.Name
            : throw new UsageException(UnknownTarget(name, nodes.Select(n => n.Name)));

    public static string UnknownTarget(string name, IEnumerable<string> available)
    {
        var list = available.ToList();
        var suggestion = NameSuggester.Closest(name, list);
        var hint = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
        return $"Target '{name}' does not exist.{hint} Available: {string.Join(", ", list)}";
    }

    /// <summary>Merges an edge and its reverse form (DependsOn/DependentFor ...) into one "from → to" map.</summary>
    private static Dictionary<string, List<string>> Edges(
        IReadOnlyList<PlanNode> nodes, Func<PlanNode, IReadOnlyList<string>> forward, Func<PlanNode, IReadOnlyList<string>> reverse)
    {
        var map = nodes.ToDictionary(n => n.Name, _ => new List<string>());
        var canonical = nodes.ToDictionary(n => n.Name, n => n.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var node in nodes)
        {
            foreach (var other in forward(node)) Add(node.Name, canonical[other]);
            foreach (var other in reverse(node)) Add(canonical[other], node.Name);
        }
        return map;

        void Add(string from, string to)
        {
            if (!map[from].Contains(to)) map[from].Add(to);
        }
    }

    /// <summary>Topological order; among targets that are ready, the one earliest in natural order goes first.</summary>
    private static List<string> Order(List<string> natural, List<PlanEdge> edges, Dictionary<string, int> declared)
    {
        var incoming = natural.ToDictionary(n => n, n => edges.Count(e => e.To == n));
        var result = new List<string>();
        var remaining = new List<string>(natural);
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(n => incoming[n] == 0)
                ?? throw new UsageException("Circular dependency: " + FindCycle(remaining, edges, declared));
            remaining.Remove(next);
            result.Add(next);
            foreach (var edge in edges.Where(e => e.From == next)) incoming[edge.To]--;
        }
        return result;
    }

    /// <summary>
    /// Walks "needs" edges (to → from) among the stuck targets until a name repeats: that is the cycle, shown from
    /// its first declared target so the message is the same however the plan was requested.
    /// </summary>
    private static string FindCycle(List<string> stuck, List<PlanEdge> edges, Dictionary<string, int> declared)
    {
        var path = new List<string> { stuck[0] };
        while (true)
        {
            var current = path[^1];
            var next = edges.First(e => e.To == current && stuck.Contains(e.From)).From;
            var seen = path.IndexOf(next);
            if (seen >= 0)
            {
                var cycle = path.Skip(seen).ToList();
                var start = cycle.IndexOf(cycle.MinBy(n => declared[n])!);
                var rotated = cycle.Skip(start).Concat(cycle.Take(start)).ToList();
                return string.Join(" -> ", rotated.Append(rotated[0]));
            }
            path.Add(next);
        }
    }
}
